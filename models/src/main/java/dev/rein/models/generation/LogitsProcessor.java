package dev.rein.models.generation;

/**
 * Edits one row's next-token logits before a token is chosen: the extension point for constraints and penalties.
 * Forbid a token by setting its logit to {@link Float#NEGATIVE_INFINITY}. Implementations keep no per-row state
 * between calls (everything they need is in the history), so one instance serves every row of a batch.
 */
@FunctionalInterface
public interface LogitsProcessor {

    /**
     * Edits {@code logits} in place.
     *
     * @param history the row's prompt and generated tokens so far
     * @param logits  one score per vocabulary id
     */
    void process(TokenHistory history, float[] logits);
}
