package dev.rein.text.chat;

/** A range {@code [start, end)} of UTF-16 characters in a text. */
public record CharSpan(int start, int end) {
    public CharSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("not a span: [" + start + ", " + end + ")");
        }
    }

    /** Whether {@code [otherStart, otherEnd)} shares a character with this span; an empty range never does. */
    public boolean overlaps(int otherStart, int otherEnd) {
        return otherStart < otherEnd && otherStart < end && start < otherEnd;
    }
}
