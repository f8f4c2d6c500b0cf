package dev.rein.steering.cogsteer;

import dev.rein.autograd.NoGrad;
import dev.rein.models.generation.BatchForward;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.KvCache;
import dev.rein.models.transformer.Logits;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;

/**
 * CogSteer's decoding step (METHODS.md 4.3, the paper's description, not the HF scripts' slips): per step, one pass
 * of base + adapter and then one of the base, sharing the weights, each with a KV cache of its own; the adapter pass
 * records the per-head attention output ({@code hook_z}) of the steered layer ({@link LayerAdapter#steeredLayer}),
 * and the base pass edits its own at the last position with it ({@link HeadSteering}); the token is drawn from the
 * edited base pass's logits, which have no second, unhooked pass behind them. With the adapter in the last layer
 * or in every layer the logits are {@code logits − w·logits_adapter} (for a bottleneck there, which has no single
 * next layer, that is the only steering). Batched as {@link dev.rein.models.generation.Generator} batches; use it as
 * {@code new Generator(model, new SteeredForward(model, adapter, settings))}.
 */
public final class SteeredForward implements BatchForward {
    private final Transformer model;
    private final LayerAdapter adapter;
    private final SteeringSettings settings;

    /** Steering {@code model} away from what {@code adapter} (loaded on the same model) was trained on. */
    public SteeredForward(Transformer model, LayerAdapter adapter, SteeringSettings settings) {
        this.model = model;
        this.adapter = adapter;
        this.settings = settings;
    }

    /** @throws IllegalArgumentException when the request has hooks of its own (both passes' hooks are set here) */
    @Override
    public Passes open(int rows, int capacity, Hooks hooks) {
        if (!hooks.isEmpty()) {
            throw new IllegalArgumentException("CogSteer decoding sets both passes' hooks; it takes no others");
        }
        KvCache baseCache = new KvCache(model.config(), rows, capacity);
        KvCache adaptedCache = new KvCache(model.config(), rows, capacity);
        int layer = adapter.steeredLayer(model);
        Tensor[] recorded = new Tensor[1];                                    // [B, H, T, D] of this step
        Hooks adapted = adapter.hooks();
        Hooks base = new Hooks();
        if (layer >= 0) {
            adapted.add(HookPoints.z(layer), (z, context) -> {
                recorded[0] = z;
                return z;
            });
            base.add(HookPoints.z(layer), (z, context) -> HeadSteering.steer(z, recorded[0], settings));
        }
        boolean contrast = adapter.contrastsLogits(model);
        return batch -> {
            try (NoGrad scope = NoGrad.enter()) {
                Tensor adapterLogits = model.forward(batch, adaptedCache, adapted, Logits.LAST_POSITION).value();
                Tensor logits = model.forward(batch, baseCache, base, Logits.LAST_POSITION).value();   // [B, 1, V]
                return contrast ? logits.sub(adapterLogits.mul((float) settings.contrastWeight())) : logits;
            }
        };
    }
}
