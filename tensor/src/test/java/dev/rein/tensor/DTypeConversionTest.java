package dev.rein.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * BF16 and F16 against an independent model of each format: widening decodes the bit fields by hand,
 * narrowing picks the nearest representable value from a sorted table, ties to the even bit pattern, and
 * values at or past {@code max + ulp/2} overflow to infinity.
 */
class DTypeConversionTest {

    /** A 16-bit float format: exponent and mantissa widths. */
    private record Format(String name, int exponentBits, int mantissaBits, DType dtype) {
        int bias() {
            return (1 << (exponentBits - 1)) - 1;
        }

        boolean isNaN(int bits) {
            int e = (bits >> mantissaBits) & ((1 << exponentBits) - 1);
            return e == (1 << exponentBits) - 1 && (bits & ((1 << mantissaBits) - 1)) != 0;
        }

        /** The exact value of a bit pattern, decoded from its fields. */
        double decode(int bits) {
            int sign = (bits >> 15) & 1;
            int e = (bits >> mantissaBits) & ((1 << exponentBits) - 1);
            int m = bits & ((1 << mantissaBits) - 1);
            double magnitude;
            if (e == (1 << exponentBits) - 1) {
                magnitude = m == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
            } else if (e == 0) {
                magnitude = Math.scalb((double) m, 1 - bias() - mantissaBits);
            } else {
                magnitude = Math.scalb(1.0 + Math.scalb((double) m, -mantissaBits), e - bias());
            }
            return sign == 1 ? -magnitude : magnitude;
        }

        float widen(int bits) {
            return dtype == DType.BF16 ? FloatFormats.bf16ToFloat((short) bits) : FloatFormats.f16ToFloat((short) bits);
        }

        int narrow(float f) {
            return (dtype == DType.BF16 ? FloatFormats.floatToBf16(f) : FloatFormats.floatToF16(f)) & 0xFFFF;
        }

        /** Bit patterns of the non-negative finite values, ascending (the bit order is the value order). */
        int maxFinite() {
            return ((1 << exponentBits) - 2) << mantissaBits | ((1 << mantissaBits) - 1);
        }

        /** Round-to-nearest-even of a finite double by search over the finite values. */
        int referenceNarrow(double x) {
            int sign = (x < 0 || (x == 0 && 1 / x < 0)) ? 0x8000 : 0;
            double a = Math.abs(x);
            int max = maxFinite();
            double maxValue = decode(max);
            double overflow = maxValue + (maxValue - decode(max - 1)) / 2;
            if (a >= overflow) {
                return sign | (max + 1); // infinity: the tie at max + ulp/2 goes to the even pattern, which is inf
            }
            int lo = 0;
            int hi = max;
            while (lo < hi) { // largest pattern whose value is <= a
                int mid = (lo + hi + 1) >>> 1;
                if (decode(mid) <= a) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            if (lo == max || decode(lo) == a) {
                return sign | lo;
            }
            double below = a - decode(lo);
            double above = decode(lo + 1) - a;
            int pick = below < above ? lo : above < below ? lo + 1 : ((lo & 1) == 0 ? lo : lo + 1);
            return sign | pick;
        }
    }

    private static final Format BF16 = new Format("bf16", 8, 7, DType.BF16);
    private static final Format F16 = new Format("f16", 5, 10, DType.F16);

    @Test
    void bf16WideningIsExactForAllPatterns() {
        exhaustiveWidening(BF16);
    }

    @Test
    void f16WideningIsExactForAllPatterns() {
        exhaustiveWidening(F16);
    }

    private static void exhaustiveWidening(Format f) {
        for (int bits = 0; bits < 1 << 16; bits++) {
            float wide = f.widen(bits);
            double exact = f.decode(bits);
            if (Double.isNaN(exact)) {
                assertTrue(Float.isNaN(wide), f.name + " NaN pattern " + Integer.toHexString(bits));
            } else if (Double.compare(exact, wide) != 0) {
                fail(f.name + " pattern " + Integer.toHexString(bits) + " widened to " + wide + ", expected " + exact);
            }
        }
    }

    @Test
    void bf16RoundTripOfAllPatterns() {
        exhaustiveRoundTrip(BF16);
    }

    @Test
    void f16RoundTripOfAllPatterns() {
        exhaustiveRoundTrip(F16);
    }

    /** Widening then narrowing gives the pattern back; a NaN stays a NaN with its sign. */
    private static void exhaustiveRoundTrip(Format f) {
        for (int bits = 0; bits < 1 << 16; bits++) {
            int back = f.narrow(f.widen(bits));
            if (f.isNaN(bits)) {
                assertTrue(f.isNaN(back), f.name + " NaN " + Integer.toHexString(bits) + " came back as " + Integer.toHexString(back));
                assertEquals(bits & 0x8000, back & 0x8000, "sign of NaN");
            } else if (back != bits) {
                fail(f.name + " pattern " + Integer.toHexString(bits) + " came back as " + Integer.toHexString(back));
            }
        }
    }

    @Test
    void bf16NarrowingMatchesTheReferenceAtMidpointsAndNeighbours() {
        narrowingAtMidpoints(BF16);
    }

    @Test
    void f16NarrowingMatchesTheReferenceAtMidpointsAndNeighbours() {
        narrowingAtMidpoints(F16);
    }

    /** For each pair of neighbours: the exact midpoint (a tie) and the floats just below and above it. */
    private static void narrowingAtMidpoints(Format f) {
        int max = f.maxFinite();
        for (int bits = 0; bits <= max; bits++) {
            double lo = f.decode(bits);
            double hi = bits == max ? lo + (lo - f.decode(bits - 1)) : f.decode(bits + 1);
            float mid = (float) ((lo + hi) / 2);
            assertEquals((lo + hi) / 2, mid, 0.0, "midpoint must be exact in F32");
            for (float x : new float[] {(float) lo, mid, Math.nextDown(mid), Math.nextUp(mid)}) {
                checkNarrow(f, x);
                checkNarrow(f, -x);
            }
        }
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            float x = Float.intBitsToFloat(r.nextInt());
            if (!Float.isNaN(x)) {
                checkNarrow(f, x);
            }
        }
    }

    private static void checkNarrow(Format f, float x) {
        int got = f.narrow(x);
        int want = f.referenceNarrow(x);
        if (got != want) {
            fail(f.name + ": " + x + " (" + Integer.toHexString(Float.floatToRawIntBits(x)) + ") narrowed to "
                    + Integer.toHexString(got) + ", expected " + Integer.toHexString(want));
        }
    }

    @Test
    void namedEdgeCases() {
        // ties to even: 1 + 2^-8 lies halfway between 1 and 1 + 2^-7 (odd), 1 + 3*2^-8 between 1 + 2^-7 and 1 + 2^-6
        assertEquals(0x3F80, FloatFormats.floatToBf16(1f + 0x1p-8f) & 0xFFFF);
        assertEquals(0x3F82, FloatFormats.floatToBf16(1f + 3 * 0x1p-8f) & 0xFFFF);
        assertEquals(0x3C00, FloatFormats.floatToF16(1f + 0x1p-11f) & 0xFFFF);
        assertEquals(0x3C02, FloatFormats.floatToF16(1f + 3 * 0x1p-11f) & 0xFFFF);
        // overflow to infinity, and the largest values that still round down
        assertEquals(0x7F80, FloatFormats.floatToBf16(Float.MAX_VALUE) & 0xFFFF);
        assertEquals(0xFF80, FloatFormats.floatToBf16(-Float.MAX_VALUE) & 0xFFFF);
        assertEquals(0x7C00, FloatFormats.floatToF16(65520f) & 0xFFFF);
        assertEquals(0x7BFF, FloatFormats.floatToF16(65519f) & 0xFFFF);
        assertEquals(0x7C00, FloatFormats.floatToF16(Float.POSITIVE_INFINITY) & 0xFFFF);
        // subnormals: F16's smallest is 2^-24; half of it is a tie that goes to zero
        assertEquals(0x0001, FloatFormats.floatToF16(0x1p-24f) & 0xFFFF);
        assertEquals(0x0000, FloatFormats.floatToF16(0x1p-25f) & 0xFFFF);
        assertEquals(0x0001, FloatFormats.floatToF16(Math.nextUp(0x1p-25f)) & 0xFFFF);
        assertEquals(0x0000, FloatFormats.floatToBf16(Float.MIN_VALUE) & 0xFFFF);
        assertEquals(0x0001, FloatFormats.floatToBf16(Float.intBitsToFloat(0x00010000)) & 0xFFFF);
        assertEquals(0x8000, FloatFormats.floatToBf16(-0f) & 0xFFFF);
        assertEquals(0x8000, FloatFormats.floatToF16(-0f) & 0xFFFF);
        // NaN stays NaN, even when only its low bits are set (truncating and rounding would make it infinity)
        for (int nan : new int[] {0x7F800001, 0x7FC00000, 0xFF800001, 0x7FFFFFFF, 0xFFFFFFFF}) {
            float x = Float.intBitsToFloat(nan);
            assertTrue(BF16.isNaN(FloatFormats.floatToBf16(x) & 0xFFFF), Integer.toHexString(nan));
            assertTrue(F16.isNaN(FloatFormats.floatToF16(x) & 0xFFFF), Integer.toHexString(nan));
        }
    }

    @Test
    void tensorConversionUsesTheSameRules() {
        for (Format f : new Format[] {BF16, F16}) {
            Tensor all = Tensor.zeros(f.dtype, 256, 256);
            MemorySegment seg = all.storage().segment();
            for (int bits = 0; bits < 1 << 16; bits++) {
                seg.setAtIndex(Elements.I16, bits, (short) bits);
            }
            Tensor wide = all.to(DType.F32);
            float[] values = wide.toFloatArray();
            // round trip through a transposed view, so the strided copy path converts too
            Tensor back = wide.mT().to(f.dtype).mT();
            for (int bits = 0; bits < 1 << 16; bits++) {
                assertEquals(Float.floatToRawIntBits(f.widen(bits)), Float.floatToRawIntBits(values[bits]));
                int raw = Short.toUnsignedInt(rawBits(back, bits >> 8, bits & 255));
                if (f.isNaN(bits)) {
                    assertTrue(f.isNaN(raw), f.name + " NaN " + Integer.toHexString(bits));
                } else {
                    assertEquals(bits, raw, f.name + " pattern " + Integer.toHexString(bits));
                }
            }
        }
    }

    /** The stored 16-bit pattern of element [i, j] of a BF16/F16 tensor. */
    private static short rawBits(Tensor t, int i, int j) {
        long at = t.offset() + i * t.stride(0) + j * t.stride(1);
        return t.storage().segment().getAtIndex(Elements.I16, at);
    }

    @Test
    void tensorNarrowingRoundsToNearestEven() {
        float[] x = {1f + 0x1p-8f, 1f + 3 * 0x1p-8f, Float.MAX_VALUE, 0x1p-25f, -2.5f, Float.NaN};
        Tensor bf = Tensor.of(x).to(DType.BF16);
        Tensor half = Tensor.of(x).to(DType.F16);
        for (int i = 0; i < x.length - 1; i++) {
            assertEquals(BF16.referenceNarrow(x[i]), Short.toUnsignedInt(rawBits(bf.unsqueeze(0), 0, i)), "bf16 of " + x[i]);
            assertEquals(F16.referenceNarrow(x[i]), Short.toUnsignedInt(rawBits(half.unsqueeze(0), 0, i)), "f16 of " + x[i]);
        }
        assertTrue(Float.isNaN(bf.getFloat(5)) && Float.isNaN(half.getFloat(5)));
        assertEquals(1f, bf.getFloat(0));
        assertEquals(1f + 0x1p-6f, bf.getFloat(1));
        assertEquals(Float.POSITIVE_INFINITY, bf.getFloat(2));
        assertEquals(0f, half.getFloat(3));
        assertEquals(-2.5f, half.getFloat(4));
    }

    @Test
    void toTheSameDTypeReturnsThisAndIntegersConvert() {
        Tensor t = Tensor.of(1.5f, -2.7f, 3f);
        assertSame(t, t.to(DType.F32));
        assertEquals(Arrays.toString(new long[] {1, -2, 3}), Arrays.toString(t.to(DType.I64).toLongArray()));
        assertEquals(Arrays.toString(new long[] {1, -2, 3}), Arrays.toString(t.to(DType.I32).toLongArray()));
        Tensor b = Tensor.of(0f, 2f, -0f).to(DType.BOOL);
        assertEquals(Arrays.toString(new long[] {0, 1, 0}), Arrays.toString(b.toLongArray()));
        assertEquals(Arrays.toString(new float[] {7f, -1f}), Arrays.toString(Tensor.ofLongs(new long[] {7, -1}, 2).to(DType.F16).toFloatArray()));
        assertEquals(Arrays.toString(new long[] {7, -1}), Arrays.toString(Tensor.ofInts(new int[] {7, -1}, 2).to(DType.I64).toLongArray()));
    }
}
