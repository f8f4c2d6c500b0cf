package dev.rein.text.tokenizer;

import java.util.Arrays;
import java.util.List;

/**
 * The tokens of one sequence while it is being encoded: ids and, for each, the range {@code [start, end)} of
 * the original text it came from.
 */
final class TokenBuffer {
    private final int textLength;
    private int[] ids;
    private int[] starts;
    private int[] ends;
    private int size;

    /** An empty buffer for the tokens of a text of {@code textLength} chars. */
    TokenBuffer(int textLength) {
        this.textLength = textLength;
        int capacity = Math.max(8, textLength / 3);
        ids = new int[capacity];
        starts = new int[capacity];
        ends = new int[capacity];
    }

    /** Length of the text the tokens come from: where tokens appended after it are placed. */
    int textLength() {
        return textLength;
    }

    int size() {
        return size;
    }

    int id(int index) {
        return ids[index];
    }

    int start(int index) {
        return starts[index];
    }

    int end(int index) {
        return ends[index];
    }

    void add(int id, int start, int end) {
        if (size == ids.length) {
            int capacity = size * 2;
            ids = Arrays.copyOf(ids, capacity);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
        }
        ids[size] = id;
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    /** Moves the range of token {@code index} (offset trimming). */
    void setRange(int index, int start, int end) {
        starts[index] = start;
        ends[index] = end;
    }

    int[] ids() {
        return Arrays.copyOf(ids, size);
    }

    int[] starts() {
        return Arrays.copyOf(starts, size);
    }

    int[] ends() {
        return Arrays.copyOf(ends, size);
    }

    /** The tokens of {@code parts} one after the other. */
    static TokenBuffer concat(List<TokenBuffer> parts) {
        if (parts.size() == 1) return parts.getFirst();
        TokenBuffer joined = new TokenBuffer(0);
        for (TokenBuffer part : parts) {
            for (int i = 0; i < part.size; i++) {
                joined.add(part.ids[i], part.starts[i], part.ends[i]);
            }
        }
        return joined;
    }
}
