package dev.rein.text.tokenizer;

/**
 * The tokens of one text: ids, their vocabulary pieces, and for each token the range {@code [start, end)} of
 * UTF-16 characters of the input text it came from. Tokens the post-processor adds (BOS, EOS) have an empty
 * range at the position where they were inserted. Label masks use the ranges to find the tokens of a span of text.
 */
public record Encoding(int[] ids, String[] pieces, int[] starts, int[] ends) {
    public Encoding {
        if (pieces.length != ids.length || starts.length != ids.length || ends.length != ids.length) {
            throw new IllegalArgumentException("ids, pieces, starts and ends must have one entry per token");
        }
    }

    /** Number of tokens. */
    public int size() {
        return ids.length;
    }
}
