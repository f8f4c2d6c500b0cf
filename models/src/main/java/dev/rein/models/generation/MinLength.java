package dev.rein.models.generation;

import java.util.Set;

/**
 * Forbids the end-of-sequence tokens until the row is long enough, as Hugging Face's
 * {@code MinNewTokensLengthLogitsProcessor} ({@link #newTokens}: counts generated tokens only) and
 * {@code MinLengthLogitsProcessor} ({@link #totalTokens}: counts the prompt too) do. EOS ids outside the
 * vocabulary are ignored.
 *
 * @param minimum      the length below which EOS is forbidden
 * @param countsPrompt whether the prompt counts toward the length
 * @param eosIds       the ids to forbid
 */
public record MinLength(int minimum, boolean countsPrompt, Set<Integer> eosIds) implements LogitsProcessor {

    public MinLength {
        if (minimum < 0) throw new IllegalArgumentException("a minimum length is not negative, got " + minimum);
        eosIds = Set.copyOf(eosIds);
    }

    /** EOS is forbidden until {@code minNewTokens} tokens were generated (Hugging Face's min_new_tokens). */
    public static MinLength newTokens(int minNewTokens, Set<Integer> eosIds) {
        return new MinLength(minNewTokens, false, eosIds);
    }

    /** EOS is forbidden until prompt plus generated tokens reach {@code minLength} (Hugging Face's min_length). */
    public static MinLength totalTokens(int minLength, Set<Integer> eosIds) {
        return new MinLength(minLength, true, eosIds);
    }

    @Override
    public void process(TokenHistory history, float[] logits) {
        int length = countsPrompt ? history.length() : history.generated();
        if (length >= minimum) return;
        for (int id : eosIds) {
            if (id >= 0 && id < logits.length) logits[id] = Float.NEGATIVE_INFINITY;
        }
    }
}
