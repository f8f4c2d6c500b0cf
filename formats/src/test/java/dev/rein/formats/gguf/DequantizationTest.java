package dev.rein.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * Each block format decoded from hand-made blocks whose values follow from ggml's definitions by hand: the fp16
 * scales are exact powers of two or small integers, so every expected value below is exact.
 */
class DequantizationTest {
    /** fp16 bit patterns: 0.5, 1.0, 2.0, 0.25. */
    private static final int HALF = 0x3800;
    private static final int ONE = 0x3C00;
    private static final int TWO = 0x4000;
    private static final int QUARTER = 0x3400;

    @Test
    void q8_0IsTheInt8TimesTheScale() {
        byte[] block = new byte[34];
        putHalf(block, 0, HALF);
        for (int j = 0; j < 32; j++) block[2 + j] = (byte) (j * 8 - 128); // -128, -120, ..., 120
        float[] out = decode(GgufTensorType.Q8_0, block, 32);
        assertEquals(-64f, out[0]);
        assertEquals(-60f, out[1]);
        assertEquals(0f, out[16]);
        assertEquals(60f, out[31]);
    }

    @Test
    void q4_0KeepsElements0To15InLowNibblesAnd16To31InHighNibbles() {
        byte[] block = new byte[18];
        putHalf(block, 0, TWO);
        for (int j = 0; j < 16; j++) block[2 + j] = (byte) (j | ((15 - j) << 4));
        float[] out = decode(GgufTensorType.Q4_0, block, 32);
        assertEquals(-16f, out[0]);   // (0 - 8) * 2
        assertEquals(14f, out[15]);   // (15 - 8) * 2
        assertEquals(14f, out[16]);   // high nibble of byte 0: 15
        assertEquals(-16f, out[31]);  // high nibble of byte 15: 0
        assertEquals(0f, out[8]);
    }

    @Test
    void q4KUsesSixBitScalesAndMinsPerSubBlockOf32() {
        byte[] block = new byte[144];
        putHalf(block, 0, ONE);       // d
        putHalf(block, 2, HALF);      // dmin
        int[] scales = {1, 2, 3, 4, 63, 17, 32, 48};
        int[] mins = {0, 1, 2, 3, 5, 63, 16, 33};
        byte[] packed = Q4KScales.pack(scales, mins);
        System.arraycopy(packed, 0, block, 4, 12);
        // the hand-packed bytes (ggml's layout): sub-blocks 4..7 put their top two bits into bytes 0..7
        assertEquals(1 | (3 << 6), packed[0] & 0xFF);        // scale 0 = 1; scale 4 = 63 -> top bits 3
        assertEquals(0 | (0 << 6), packed[4] & 0xFF);        // min 0 = 0; min 4 = 5 -> top bits 0
        assertEquals((63 & 0xF) | ((5 & 0xF) << 4), packed[8] & 0xFF);
        for (int l = 0; l < 128; l++) block[16 + l] = (byte) (7 | (9 << 4)); // every low nibble 7, high nibble 9
        float[] out = decode(GgufTensorType.Q4_K, block, 256);
        // sub-block s covers elements 32 s .. 32 s + 31; even s read low nibbles (7), odd s high nibbles (9)
        assertEquals(1f * 1 * 7 - 0f, out[0]);          // s0: scale 1, min 0
        assertEquals(2f * 9 - 0.5f * 1, out[32]);        // s1: scale 2, min 1
        assertEquals(3f * 7 - 0.5f * 2, out[64]);        // s2
        assertEquals(4f * 9 - 0.5f * 3, out[96]);        // s3
        assertEquals(63f * 7 - 0.5f * 5, out[128]);      // s4
        assertEquals(17f * 9 - 0.5f * 63, out[160]);     // s5
        assertEquals(32f * 7 - 0.5f * 16, out[192]);     // s6
        assertEquals(48f * 9 - 0.5f * 33, out[255]);     // s7
    }

    @Test
    void q6KJoinsLowNibblesAndHighBitPairsMinus32() {
        byte[] block = new byte[210];
        for (int l = 0; l < 128; l++) block[l] = (byte) (l < 32 || (l >= 64 && l < 96) ? 0x21 : 0x43);
        for (int l = 0; l < 64; l++) block[128 + l] = (byte) 0b11_10_01_00;  // pairs 0, 1, 2, 3
        for (int s = 0; s < 16; s++) block[192 + s] = (byte) (s - 8);           // scales -8 .. 7
        putHalf(block, 208, QUARTER);
        float[] out = decode(GgufTensorType.Q6_K, block, 256);
        // first 128: q1 = (ql[l] & 15 | 0 << 4) - 32, scale index l / 16
        assertEquals(0.25f * -8 * (1 - 32), out[0]);
        assertEquals(0.25f * -7 * (1 - 32), out[16]);
        // y[l + 32]: ql[l + 32] low nibble 3, qh bits 2-3 = 1 -> 3 + 16 - 32, scale index 2
        assertEquals(0.25f * -6 * (3 + 16 - 32), out[32]);
        // y[l + 64]: ql[l] high nibble 2, qh bits 4-5 = 2 -> 2 + 32 - 32, scale index 4
        assertEquals(0.25f * -4 * (2 + 32 - 32), out[64]);
        // y[l + 96]: ql[l + 32] high nibble 4, qh bits 6-7 = 3 -> 4 + 48 - 32, scale index 6
        assertEquals(0.25f * -2 * (4 + 48 - 32), out[96]);
        // second half: ql from byte 64, scales from index 8
        assertEquals(0.25f * 0 * (1 - 32), out[128]);
        assertEquals(0.25f * 7 * (4 + 48 - 32), out[255]);
    }

    @Test
    void plainTypesWiden() {
        byte[] bf16 = {(byte) 0x80, 0x3F, 0, (byte) 0xC0}; // 1.0, -2.0
        assertArrayEquals(new float[] {1f, -2f}, decode(GgufTensorType.BF16, bf16, 2));
        byte[] f16 = {0, 0x3C, 0, (byte) 0xB8};              // 1.0, -0.5
        assertArrayEquals(new float[] {1f, -0.5f}, decode(GgufTensorType.F16, f16, 2));
    }

    private static float[] decode(GgufTensorType type, byte[] bytes, int elements) {
        float[] out = new float[elements];
        Dequantization.decode(type, MemorySegment.ofArray(bytes), out);
        return out;
    }

    private static void putHalf(byte[] block, int at, int bits) {
        block[at] = (byte) bits;
        block[at + 1] = (byte) (bits >>> 8);
    }
}
