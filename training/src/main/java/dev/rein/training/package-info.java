/**
 * Training: optimizers and learning-rate schedules, the training loop with gradient accumulation and clipping,
 * freezing, adapters (LoRA, bottleneck, gated prefix), heads on pooled hidden states, and resumable checkpoints.
 * Everything is built on the autograd {@code Variable}s of the models' forward pass.
 */
package dev.rein.training;
