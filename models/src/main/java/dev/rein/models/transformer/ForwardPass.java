package dev.rein.models.transformer;

import dev.rein.models.hooks.Hooks;
import dev.rein.tensor.Tensor;

/**
 * What every block of one forward pass shares, so that a block takes one argument for it.
 *
 * @param batch       the tokens of this pass, with their positions and padding
 * @param cache       the keys and values of earlier positions, extended by this pass; null for a full forward
 * @param paddingMask the additive mask [B, 1, T, Tk] that hides padded keys; null when no row is padded
 * @param hooks       the hooks to run at each point
 * @param start       the number of positions cached before this pass (0 without a cache)
 */
record ForwardPass(TokenBatch batch, KvCache cache, Tensor paddingMask, Hooks hooks, int start) {

    static ForwardPass of(TokenBatch batch, KvCache cache, Hooks hooks) {
        int start = cache == null ? 0 : cache.length();
        return new ForwardPass(batch, cache, PaddingMask.of(batch, start), hooks, start);
    }
}
