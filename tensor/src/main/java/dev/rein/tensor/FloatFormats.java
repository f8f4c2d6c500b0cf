package dev.rein.tensor;

/**
 * Conversions between F32 and the 16-bit float formats, exact to the IEEE rules: widening is exact,
 * narrowing rounds to nearest, ties to even; NaN stays NaN and overflow becomes infinity.
 */
public final class FloatFormats {
    private FloatFormats() {
    }

    /** Widens a bfloat16 bit pattern (the upper half of an F32) to F32; always exact. */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** Narrows F32 to bfloat16 with round-to-nearest-even; NaN is kept quiet, never rounded to infinity. */
    public static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7FFFFFFF) > 0x7F800000) {
            return (short) ((bits >>> 16) | 0x0040); // quiet NaN, sign and payload top bits kept
        }
        int lsb = (bits >>> 16) & 1;
        int rounded = bits + 0x7FFF + lsb;
        return (short) (rounded >>> 16);
    }

    /** Widens an IEEE binary16 bit pattern to F32; always exact. */
    public static float f16ToFloat(short bits) {
        return Float.float16ToFloat(bits);
    }

    /** Narrows F32 to IEEE binary16 with round-to-nearest-even (the JDK's conversion). */
    public static short floatToF16(float value) {
        return Float.floatToFloat16(value);
    }
}
