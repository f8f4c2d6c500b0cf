package dev.rein.text.tokenizer;

import java.util.Arrays;

/**
 * GPT-2's byte-to-character table ({@code bytes_to_unicode}): byte-level BPE vocabularies spell every byte as a
 * printable character, the printable ASCII and Latin-1 bytes as themselves and the others (space, control
 * bytes...) as U+0100 onwards, so a space is {@code Ġ} and a newline {@code Ċ}. Public so that writers of
 * byte-level vocabularies (the story tokenizer of the data module) spell pieces with the same table.
 */
public final class ByteLevelAlphabet {
    private static final char[] CHAR_OF_BYTE = new char[256];
    private static final int[] BYTE_OF_CHAR = new int[324];

    static {
        Arrays.fill(BYTE_OF_CHAR, -1);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) next++;
            CHAR_OF_BYTE[b] = c;
            BYTE_OF_CHAR[c] = b;
        }
    }

    private ByteLevelAlphabet() {
    }

    /** The character that spells byte {@code b} (0 to 255). */
    public static char charOf(int b) {
        return CHAR_OF_BYTE[b];
    }

    /** The byte spelled by {@code c}, or -1 when {@code c} is not in the alphabet. */
    public static int byteOf(int c) {
        return c < BYTE_OF_CHAR.length ? BYTE_OF_CHAR[c] : -1;
    }
}
