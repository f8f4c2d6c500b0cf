/**
 * Adapters: small trainable modules added to a frozen model, each built on the models module's extension points.
 * <ul>
 *   <li>{@link dev.rein.training.adapters.LoraAdapter}: LoRA on chosen projections
 *       ({@code Transformer.withProjections}), saved and loaded in PEFT's layout and mergeable into the base
 *       weights;</li>
 *   <li>{@link dev.rein.training.adapters.BottleneckAdapter}: bottleneck adapters after the attention and/or MLP
 *       sublayers (the {@code adapters} library's BnConfig, as CogSteer trains them), as hook edits;</li>
 *   <li>{@link dev.rein.training.adapters.GatedPrefixAdapter}: LLaMA-Adapter v1's gated prompt in one layer, as
 *       hooks on the rotated queries and the per-head attention output.</li>
 * </ul>
 * Their parameters are F32 autograd leaves ({@code Variable.parameter}); the base model's weights stay whatever the
 * caller loaded (constants unless loaded as parameters). All of them work in full forward passes with gradients
 * and in KV-cached generation.
 */
package dev.rein.training.adapters;
