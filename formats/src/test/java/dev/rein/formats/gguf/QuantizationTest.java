package dev.rein.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reference quantisers on rows whose encoding is worked out by hand, and their error bounds on random rows. */
class QuantizationTest {
    @Test
    void q8_0ScalesByTheLargestMagnitudeOver127AndRoundsHalvesAwayFromZero() {
        float[] row = new float[32];
        row[0] = 127f;       // d = 1
        row[1] = -2.5f;      // roundf -> -3
        row[2] = 2.5f;       // roundf -> 3
        row[3] = 0.49f;
        byte[] bytes = Quantization.encode(GgufTensorType.Q8_0, row);
        assertEquals(34, bytes.length);
        assertEquals(0x3C00, (bytes[0] & 0xFF) | ((bytes[1] & 0xFF) << 8)); // fp16 1.0
        assertArrayEquals(new byte[] {127, -3, 3, 0}, java.util.Arrays.copyOfRange(bytes, 2, 6));
    }

    @Test
    void q4_0TakesTheSignedLargestOverMinus8() {
        float[] row = new float[32];
        row[0] = -16f;       // largest magnitude: d = -16 / -8 = 2, id = 0.5
        row[1] = 3f;         // 3 * 0.5 + 8.5 = 10 -> 10
        row[16] = 14f;       // 7 + 8.5 = 15.5 -> 15
        row[17] = -15f;      // -7.5 + 8.5 = 1 -> 1
        byte[] bytes = Quantization.encode(GgufTensorType.Q4_0, row);
        assertEquals(18, bytes.length);
        assertEquals(0x4000, (bytes[0] & 0xFF) | ((bytes[1] & 0xFF) << 8)); // fp16 2.0
        assertEquals(0 | (15 << 4), bytes[2] & 0xFF);   // element 0: -16 * 0.5 + 8.5 = 0.5 -> 0
        assertEquals(10 | (1 << 4), bytes[3] & 0xFF);
        assertEquals(8 | (8 << 4), bytes[4] & 0xFF);    // zeros -> 8
        float[] back = new float[32];
        Dequantization.decode(GgufTensorType.Q4_0, MemorySegment.ofArray(bytes), back);
        assertEquals(-16f, back[0]);
        assertEquals(4f, back[1]);
        assertEquals(14f, back[16]);
        assertEquals(-14f, back[17]);
    }

    @Test
    void aConstantQ4KBlockRoundTripsExactly() {
        float[] row = new float[256];
        java.util.Arrays.fill(row, 0, 128, 3f);
        byte[] bytes = Quantization.encode(GgufTensorType.Q4_K, row);
        assertEquals(144, bytes.length);
        float[] back = new float[256];
        Dequantization.decode(GgufTensorType.Q4_K, MemorySegment.ofArray(bytes), back);
        for (int i = 0; i < 256; i++) assertEquals(row[i], back[i], 0.01f, "element " + i);
    }

    @Test
    void errorsStayWithinEachFormatsStep() {
        Random random = new Random(22);
        float[] row = new float[1024];
        for (int i = 0; i < row.length; i++) row[i] = (float) random.nextGaussian();
        for (GgufTensorType type : new GgufTensorType[] {GgufTensorType.Q8_0, GgufTensorType.Q4_0,
                GgufTensorType.Q4_K, GgufTensorType.Q6_K}) {
            float[] back = new float[row.length];
            Dequantization.decode(type, MemorySegment.ofArray(Quantization.encode(type, row)), back);
            int block = type == GgufTensorType.Q6_K ? 16 : 32;
            for (int b = 0; b < row.length; b += block) {
                float amax = 0;
                float min = Float.MAX_VALUE;
                float max = -Float.MAX_VALUE;
                for (int i = b; i < b + block; i++) {
                    amax = Math.max(amax, Math.abs(row[i]));
                    min = Math.min(min, row[i]);
                    max = Math.max(max, row[i]);
                }
                // Q8_0: half a step amax / 127 (plus fp16 rounding of d); Q4_0: a step amax / 8 at the clamped end
                // (levels -8..7 times d = m / -8 reach only 7/8 of amax on the side opposite m); Q4_K: about a
                // step of the sub-block's range / 15; Q6_K: a step amax / 32 of the sub-block of 16 (its fitted
                // scale, stored as an int8 multiple of the block's, may be a little larger than amax / 32)
                float bound = switch (type) {
                    case Q8_0 -> amax / 127 * 0.51f + amax * 2e-3f;
                    case Q4_0 -> amax / 8 * 1.01f;
                    case Q6_K -> amax / 32 * 1.1f;
                    default -> (max - Math.min(min, 0)) / 15 * 1.6f;
                };
                for (int i = b; i < b + block; i++) {
                    assertTrue(Math.abs(row[i] - back[i]) <= bound, type + " element " + i + ": " + row[i]
                            + " became " + back[i] + ", bound " + bound);
                }
            }
        }
    }
}
