package dev.rein.tensor;

/**
 * What a reduction over one dim does with that dim: drops it (PyTorch's default, {@code keepdim=False}) or keeps
 * it with size 1 ({@code keepdim=True}), so that the result still broadcasts against the input. {@code x.mean(1)}
 * drops the dim; {@code x.mean(1, ReducedDim.KEEP)} keeps it. A named value instead of a boolean flag, so that a
 * call says which one it means.
 */
public enum ReducedDim {
    /** The reduced dim stays, with size 1: [B, T, H].mean(1, KEEP) is [B, 1, H]. */
    KEEP,
    /** The reduced dim goes: [B, T, H].mean(1, DROP) is [B, H], as {@code mean(1)}. */
    DROP
}
