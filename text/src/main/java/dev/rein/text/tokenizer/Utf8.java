package dev.rein.text.tokenizer;

/**
 * UTF-8 for the byte-level steps of a tokenizer (byte-level alphabet, byte fallback), with Rust's rules, which
 * Hugging Face {@code tokenizers} follows and the JDK does not quite.
 *
 * <p>Encoding: a Java string may hold an unpaired surrogate, which has no UTF-8 form (Rust strings cannot hold
 * one): it is encoded as U+FFFD, the replacement character. Decoding: invalid bytes become U+FFFD per
 * "maximal subpart" as Rust's {@code String::from_utf8_lossy} does (the JDK decoder differs on encoded
 * surrogates: one U+FFFD for ED A0 80 where Rust gives three).
 */
final class Utf8 {
    private Utf8() {
    }

    /** Writes the UTF-8 bytes of {@code codePoint} into {@code out} (at least 4 long); returns how many. */
    static int encode(int codePoint, byte[] out) {
        if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
            codePoint = 0xFFFD;
        }
        if (codePoint < 0x80) {
            out[0] = (byte) codePoint;
            return 1;
        }
        if (codePoint < 0x800) {
            out[0] = (byte) (0xC0 | codePoint >> 6);
            out[1] = (byte) (0x80 | codePoint & 0x3F);
            return 2;
        }
        if (codePoint < 0x10000) {
            out[0] = (byte) (0xE0 | codePoint >> 12);
            out[1] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            out[2] = (byte) (0x80 | codePoint & 0x3F);
            return 3;
        }
        out[0] = (byte) (0xF0 | codePoint >> 18);
        out[1] = (byte) (0x80 | codePoint >> 12 & 0x3F);
        out[2] = (byte) (0x80 | codePoint >> 6 & 0x3F);
        out[3] = (byte) (0x80 | codePoint & 0x3F);
        return 4;
    }

    /** {@code bytes[from, to)} decoded, each maximal invalid subpart replaced by U+FFFD. */
    static String decodeLossy(byte[] bytes, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        decode(bytes, from, to, out);
        return out.toString();
    }

    /** {@code bytes[from, to)} decoded, or null when they are not valid UTF-8. */
    static String decodeStrict(byte[] bytes, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        return decode(bytes, from, to, out) ? out.toString() : null;
    }

    /** Appends the decoded bytes to {@code out}; returns whether they were all valid. */
    private static boolean decode(byte[] bytes, int from, int to, StringBuilder out) {
        boolean valid = true;
        int i = from;
        while (i < to) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                out.append((char) lead);
                i++;
                continue;
            }
            int width = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                    : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
            int accepted = width == 0 ? 1 : acceptedLength(bytes, i, to, lead, width);
            if (accepted < width || width == 0) {
                out.append('\uFFFD');
                valid = false;
                i += accepted;
                continue;
            }
            int codePoint = lead & (0x7F >> width);
            for (int k = 1; k < width; k++) codePoint = codePoint << 6 | bytes[i + k] & 0x3F;
            out.appendCodePoint(codePoint);
            i += width;
        }
        return valid;
    }

    /** How many bytes from {@code at} form a valid prefix of a {@code width}-byte sequence (at least 1). */
    private static int acceptedLength(byte[] bytes, int at, int to, int lead, int width) {
        int length = 1;
        for (int k = 1; k < width; k++) {
            if (at + k >= to) return length;
            int b = bytes[at + k] & 0xFF;
            int low = 0x80;
            int high = 0xBF;
            if (k == 1) {
                if (lead == 0xE0) low = 0xA0;
                if (lead == 0xED) high = 0x9F;
                if (lead == 0xF0) low = 0x90;
                if (lead == 0xF4) high = 0x8F;
            }
            if (b < low || b > high) return length;
            length++;
        }
        return length;
    }
}
