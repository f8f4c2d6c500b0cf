package dev.rein.models.hooks;

/**
 * Where a hook is being called.
 *
 * @param point         the hook point's name, e.g. {@code blocks.3.hook_resid_post}
 * @param layer         the block index, or -1 for points outside the blocks
 * @param startPosition the index in the sequence of this pass's first position: 0 for a full forward or a prompt,
 *                      the number of cached positions while generating (so {@code startPosition + t} is the
 *                      sequence index of position t of the activation; with left padding, pads count)
 */
public record HookContext(String point, int layer, int startPosition) {
}
