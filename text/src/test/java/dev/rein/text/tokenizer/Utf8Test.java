package dev.rein.text.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** UTF-8 with Rust's rules: one U+FFFD per maximal invalid subpart, U+FFFD for unpaired surrogates. */
class Utf8Test {

    @Test
    void lossyDecodingReplacesMaximalSubparts() {
        assertEquals("\uFFFDA", lossy(0xE4, 0xB8, 0x41)); // a truncated 3-byte sequence, then A
        assertEquals("\uFFFD", lossy(0xF0, 0x9F, 0x98));
        assertEquals("\uFFFD\uFFFD", lossy(0xC0, 0x80)); // overlong: C0 is never valid
        assertEquals("\uFFFD\uFFFD\uFFFD", lossy(0xED, 0xA0, 0x80)); // an encoded surrogate (the JDK gives one)
        assertEquals("\uFFFD\uFFFD\uFFFD\uFFFD", lossy(0xF4, 0x90, 0x80, 0x80)); // above U+10FFFF
        assertEquals("\uFFFD\uFFFD\uFFFD", lossy(0xE0, 0x80, 0x80)); // overlong 3-byte
        assertEquals("é😀", lossy(0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80));
    }

    @Test
    void strictDecodingRejectsInvalidBytes() {
        assertNull(Utf8.decodeStrict(new byte[] {(byte) 0xC3}, 0, 1));
        assertEquals("é", Utf8.decodeStrict(new byte[] {(byte) 0xC3, (byte) 0xA9}, 0, 2));
    }

    @Test
    void encodesCodePointsAndUnpairedSurrogates() {
        byte[] out = new byte[4];
        assertArrayEquals(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80},
                Arrays.copyOf(out, Utf8.encode(0x1F600, out)));
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD},
                Arrays.copyOf(out, Utf8.encode(0xD800, out)));
    }

    private static String lossy(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) bytes[i] = (byte) values[i];
        return Utf8.decodeLossy(bytes, 0, bytes.length);
    }
}
