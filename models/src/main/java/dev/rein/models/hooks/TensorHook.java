package dev.rein.models.hooks;

import dev.rein.tensor.Tensor;

/**
 * A function run at a hook point over plain tensors, for reading or editing activations where no gradient is
 * needed (steering while generating, ablations, patching): it returns the same tensor to only read it, or a
 * tensor of the same shape to replace it, e.g. {@code (x, ctx) -> x.add(direction.mul(4f))}. A {@link Hook}
 * works on autograd variables instead, for edits built from trainable parameters.
 */
@FunctionalInterface
public interface TensorHook {

    Tensor apply(Tensor activation, HookContext context);
}
