package dev.rein.models.generation;

import java.util.Arrays;

/**
 * A row's prompt and the tokens generated after it, in a growable int array: the generation loop
 * {@linkplain #append appends} each new token, and processors see it as a {@link TokenHistory}.
 * Not thread-safe; one per row.
 */
public final class TokenSequence implements TokenHistory {
    private int[] ids;
    private int length;
    private final int promptLength;

    /**
     * Starts a row with its prompt (copied).
     *
     * @throws IllegalArgumentException when an id is negative
     */
    public TokenSequence(int[] promptIds) {
        for (int id : promptIds) requireTokenId(id);
        this.ids = Arrays.copyOf(promptIds, Math.max(16, promptIds.length * 2));
        this.length = promptIds.length;
        this.promptLength = promptIds.length;
    }

    /**
     * Adds a generated token.
     *
     * @throws IllegalArgumentException when {@code id} is negative
     */
    public void append(int id) {
        requireTokenId(id);
        if (length == ids.length) ids = Arrays.copyOf(ids, length * 2);
        ids[length++] = id;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int get(int index) {
        if (index < 0 || index >= length) {
            throw new IllegalArgumentException("token index " + index + " is outside 0.." + (length - 1));
        }
        return ids[index];
    }

    @Override
    public int promptLength() {
        return promptLength;
    }

    /** The prompt and generated ids, copied. */
    public int[] toArray() {
        return Arrays.copyOf(ids, length);
    }

    /** The generated ids only, copied. */
    public int[] generatedIds() {
        return Arrays.copyOfRange(ids, promptLength, length);
    }

    private static void requireTokenId(int id) {
        if (id < 0) throw new IllegalArgumentException("token ids are not negative, got " + id);
    }
}
