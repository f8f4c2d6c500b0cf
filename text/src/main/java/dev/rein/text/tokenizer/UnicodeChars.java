package dev.rein.text.tokenizer;

/**
 * Character classes as Rust defines them, which Hugging Face {@code tokenizers} relies on and which differ from
 * {@link Character#isWhitespace} (that one excludes no-break spaces and includes the ASCII separators U+001C to
 * U+001F).
 */
final class UnicodeChars {
    private UnicodeChars() {
    }

    /** Rust's {@code char::is_whitespace}: the Unicode White_Space property. */
    static boolean isWhitespace(int codePoint) {
        return (codePoint >= 0x09 && codePoint <= 0x0D) || codePoint == 0x20 || codePoint == 0x85
                || codePoint == 0xA0 || codePoint == 0x1680 || (codePoint >= 0x2000 && codePoint <= 0x200A)
                || codePoint == 0x2028 || codePoint == 0x2029 || codePoint == 0x202F || codePoint == 0x205F
                || codePoint == 0x3000;
    }

    /**
     * The Unicode {@code \w} of Rust's regex crate: alphabetic, marks, decimal digits, connector punctuation and
     * the zero-width joiners.
     */
    static boolean isWordChar(int codePoint) {
        if (Character.isAlphabetic(codePoint) || codePoint == 0x200C || codePoint == 0x200D) return true;
        return switch (Character.getType(codePoint)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                 Character.DECIMAL_DIGIT_NUMBER, Character.CONNECTOR_PUNCTUATION -> true;
            default -> false;
        };
    }
}
