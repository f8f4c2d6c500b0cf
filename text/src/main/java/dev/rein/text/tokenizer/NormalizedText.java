package dev.rein.text.tokenizer;

import java.util.Arrays;

/**
 * A piece of the input on its way through normalizers and pre-tokenizers, which rewrite it (NFC, lowercase,
 * spaces to {@code ▁}, bytes to printable characters...). Every UTF-16 char of the rewritten text remembers the
 * range of the original input it came from, so that tokens can report where they are in the text the user gave
 * (Hugging Face's {@code NormalizedString} alignments, kept per char instead of per byte).
 *
 * <p>Immutable; {@link #slice} shares the alignment arrays. Text not yet rewritten has no arrays: char
 * {@code i} comes from original char {@code arrayOffset + i}.
 */
final class NormalizedText {
    private final String text;
    private final int[] originalStarts; // null: the identity alignment
    private final int[] originalEnds;
    private final int arrayOffset;
    private final int originalOffset;

    private NormalizedText(String text, int[] originalStarts, int[] originalEnds, int arrayOffset, int originalOffset) {
        this.text = text;
        this.originalStarts = originalStarts;
        this.originalEnds = originalEnds;
        this.arrayOffset = arrayOffset;
        this.originalOffset = originalOffset;
    }

    /** The chars {@code [from, to)} of the original input, not yet rewritten. */
    static NormalizedText of(String original, int from, int to) {
        return new NormalizedText(original.substring(from, to), null, null, from, from);
    }

    String text() {
        return text;
    }

    int length() {
        return text.length();
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    /** Where this piece begins in the original input, even when normalization removed its first chars. */
    int originalOffset() {
        return originalOffset;
    }

    /** Start in the original input of the char at {@code index}. */
    int originalStart(int index) {
        return originalStarts == null ? arrayOffset + index : originalStarts[arrayOffset + index];
    }

    /** End in the original input of the char at {@code index}. */
    int originalEnd(int index) {
        return originalEnds == null ? arrayOffset + index + 1 : originalEnds[arrayOffset + index];
    }

    /** The chars {@code [from, to)} of this text, with their alignments. */
    NormalizedText slice(int from, int to) {
        if (from == 0 && to == text.length()) return this;
        return new NormalizedText(text.substring(from, to), originalStarts, originalEnds, arrayOffset + from,
                offsetAt(from));
    }

    /** Where a slice starting at {@code from} begins in the original input. */
    private int offsetAt(int from) {
        return from < text.length() ? originalStart(from) : originalEndOfText();
    }

    /** This text with {@code prefix} in front, aligned to the first char (nothing happens to an empty text). */
    NormalizedText prepend(String prefix) {
        if (text.isEmpty() || prefix.isEmpty()) return this;
        Builder builder = new Builder(this, text.length() + prefix.length());
        builder.insert(prefix, 0);
        builder.copy(0, text.length());
        return builder.build();
    }

    /**
     * The alignment of chars {@code [from, to)} of this text for {@code rewritten}, a text of the same length
     * that replaces them char for char.
     */
    NormalizedText slice(int from, int to, String rewritten) {
        if (rewritten.length() != to - from) {
            throw new IllegalArgumentException("a char-for-char rewrite must keep the length " + (to - from));
        }
        return new NormalizedText(rewritten, originalStarts, originalEnds, arrayOffset + from, offsetAt(from));
    }

    /** A builder of a rewritten version of this text. */
    Builder rewrite() {
        return new Builder(this, text.length());
    }

    private int originalEndOfText() {
        return text.isEmpty() ? originalOffset : originalEnd(text.length() - 1);
    }

    /**
     * Builds the rewritten text piece by piece: chars copied from the source keep their alignment, replacement
     * chars take the union of the ranges of the source chars they replace.
     */
    static final class Builder {
        private final NormalizedText source;
        private final StringBuilder text;
        private int[] starts;
        private int[] ends;
        private int size;

        private Builder(NormalizedText source, int capacity) {
            this.source = source;
            this.text = new StringBuilder(capacity);
            this.starts = new int[Math.max(capacity, 4)];
            this.ends = new int[Math.max(capacity, 4)];
        }

        /** Copies source chars {@code [from, to)} unchanged. */
        Builder copy(int from, int to) {
            text.append(source.text, from, to);
            for (int i = from; i < to; i++) {
                add(source.originalStart(i), source.originalEnd(i));
            }
            return this;
        }

        /** Writes {@code replacement} for source chars {@code [from, to)} (to > from). */
        Builder replace(int from, int to, CharSequence replacement) {
            int start = source.originalStart(from);
            int end = source.originalEnd(to - 1);
            text.append(replacement);
            for (int i = 0; i < replacement.length(); i++) {
                add(start, end);
            }
            return this;
        }

        /** Writes {@code inserted}, which replaces nothing, aligned to the source char at {@code position}. */
        Builder insert(CharSequence inserted, int position) {
            int start;
            int end;
            if (source.text.isEmpty()) {
                start = end = source.originalOffset;
            } else {
                int anchor = Math.min(position, source.text.length() - 1);
                start = source.originalStart(anchor);
                end = source.originalEnd(anchor);
            }
            text.append(inserted);
            for (int i = 0; i < inserted.length(); i++) {
                add(start, end);
            }
            return this;
        }

        NormalizedText build() {
            return new NormalizedText(text.toString(), starts, ends, 0, source.originalOffset);
        }

        private void add(int start, int end) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            starts[size] = start;
            ends[size] = end;
            size++;
        }
    }
}
