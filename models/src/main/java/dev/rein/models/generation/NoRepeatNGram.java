package dev.rein.models.generation;

/**
 * Forbids every token that would repeat an n-gram already in the row, prompt included, as Hugging Face's
 * {@code NoRepeatNGramLogitsProcessor} does: when the last {@code n - 1} tokens also occur earlier, the token that
 * followed them there is forbidden. With {@code n = 1} no token may occur twice in the whole sequence.
 *
 * @param n the n-gram size, at least 1
 */
public record NoRepeatNGram(int n) implements LogitsProcessor {

    public NoRepeatNGram {
        if (n < 1) throw new IllegalArgumentException("no_repeat_ngram_size must be at least 1, got " + n);
    }

    @Override
    public void process(TokenHistory history, float[] logits) {
        int length = history.length();
        int prefixStart = length - (n - 1); // the last n - 1 tokens, which the next token would complete
        // Every earlier n-gram starts at some start <= length - n; it is repeated when its first n - 1 tokens
        // equal the prefix.
        for (int start = 0; start <= length - n; start++) {
            if (matchesPrefix(history, start, prefixStart)) {
                int banned = VocabularyIds.require(history.get(start + n - 1), logits);
                logits[banned] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    private boolean matchesPrefix(TokenHistory history, int start, int prefixStart) {
        for (int i = 0; i < n - 1; i++) {
            if (history.get(start + i) != history.get(prefixStart + i)) return false;
        }
        return true;
    }
}
