package dev.rein.models.hooks;

/**
 * Where a hook is being called.
 *
 * @param hookPoint     the hook point, e.g. {@code blocks.3.hook_resid_post}
 * @param startPosition the index in the sequence of this pass's first position: 0 for a full forward or a prompt,
 *                      the number of cached positions while generating (so {@code startPosition + t} is the
 *                      sequence index of position t of the activation; with left padding, pads count)
 */
public record HookContext(HookPoint hookPoint, int startPosition) {

    /** The point's name, e.g. {@code blocks.3.hook_resid_post}. */
    public String point() {
        return hookPoint.name();
    }

    /** The block index, or -1 for points outside the blocks. */
    public int layer() {
        return hookPoint.layer();
    }
}
