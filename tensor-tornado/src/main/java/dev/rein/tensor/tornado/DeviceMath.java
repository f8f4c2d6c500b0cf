package dev.rein.tensor.tornado;

import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/**
 * The scalar functions the kernels share, written so that TornadoVM can compile them for a device: one result
 * variable and one return, float arithmetic and {@link TornadoMath} only. Op codes are the ordinals of
 * {@link dev.rein.tensor.UnaryOp} and {@link dev.rein.tensor.BinaryOp}; {@link dev.rein.tensor.cpu.MathFunctions} is
 * the definition each function follows.
 */
final class DeviceMath {
    /** Stored dtype codes of 16-bit operands: bfloat16 or IEEE half. */
    static final int BF16 = 1;
    static final int F16 = 2;
    /** Entry i of the power table is 2^(i - POW2_BIAS). */
    static final int POW2_BIAS = 127;

    private static final float SQRT_2_OVER_PI = 0.7978845608028654f;
    private static final float INV_SQRT_2 = 0.7071067811865476f;
    private static final float INV_SQRT_2PI = 0.3989422804014327f;
    private static final float GELU_CUBIC = 0.044715f;

    private DeviceMath() {
    }

    /** 2^(i - POW2_BIAS) for i in [0, 256): the exponents of both 16-bit formats, read from a table (exactly). */
    static float[] powersOfTwo() {
        float[] table = new float[256];
        for (int i = 0; i < 256; i++) {
            table[i] = (float) Math.scalb(1.0, i - POW2_BIAS);
        }
        return table;
    }

    /**
     * The float value of 16-bit {@code bits} stored as bfloat16 or half ({@code dtype}). OpenCL has no bit
     * reinterpretation through TornadoVM, and PoCL no half type, so the fields are decoded arithmetically: the
     * exponent's power of two comes from {@code pow2} (see {@link #powersOfTwo}).
     */
    static float widen(short bits, int dtype, FloatArray pow2) {
        int u = bits & 0xFFFF;
        float sign = (u >> 15) == 1 ? -1f : 1f;
        float infinity = sign * Float.POSITIVE_INFINITY;
        float nan = infinity * 0f;          // TornadoVM's OpenCL code has no NaN literal; inf * 0 is NaN
        float result;
        if (dtype == BF16) {
            int exponent = (u >> 7) & 0xFF;
            float mantissa = (u & 0x7F) * (1f / 128f);
            if (exponent == 0) {
                result = sign * mantissa * pow2.get(1);
            } else if (exponent == 255) {
                result = mantissa == 0f ? infinity : nan;
            } else {
                result = sign * (1f + mantissa) * pow2.get(exponent);
            }
        } else {
            int exponent = (u >> 10) & 0x1F;
            float mantissa = (u & 0x3FF) * (1f / 1024f);
            if (exponent == 0) {
                result = sign * mantissa * pow2.get(POW2_BIAS - 14);
            } else if (exponent == 31) {
                result = mantissa == 0f ? infinity : nan;
            } else {
                result = sign * (1f + mantissa) * pow2.get(POW2_BIAS - 15 + exponent);
            }
        }
        return result;
    }

    static boolean isNaN(float x) {
        return x != x;
    }

    static float sigmoid(float x) {
        return 1f / (1f + TornadoMath.exp(-x));
    }

    /**
     * erfc(z) for z >= 0 (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7): with it
     * 1 + erf(z) is {@code 2 - erfc(z)} for z >= 0 and {@code erfc(-z)} below, exact where erf is near -1.
     */
    static float erfcNonNegative(float z) {
        float t = 1f / (1f + 0.5f * z);
        float poly = -1.26551223f + t * (1.00002368f + t * (0.37409196f + t * (0.09678418f + t * (-0.18628806f
                + t * (0.27886807f + t * (-1.13520398f + t * (1.48851587f + t * (-0.82215223f
                + t * 0.17087277f))))))));
        return t * TornadoMath.exp(-z * z + poly);
    }

    /** 1 + erf(x / sqrt 2), the factor of the exact GELU. */
    static float onePlusErf(float x) {
        float z = x * INV_SQRT_2;
        float result;
        if (z >= 0f) {
            result = 2f - erfcNonNegative(z);
        } else {
            result = erfcNonNegative(-z);
        }
        return result;
    }

    /**
     * (1 + tanh(u)) / 2 = sigmoid(2u) for GELU's tanh form, u = sqrt(2/pi) (x + 0.044715 x^3): as a sigmoid it keeps
     * its precision where tanh(u) is near -1 and 1 + tanh(u) would cancel.
     */
    static float geluTanhGate(float x) {
        return sigmoid(2f * SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x));
    }

    /** {@code op(x)} for a UnaryOp ordinal. */
    static float unary(int op, float x) {
        float r;
        if (op == 0) {
            r = -x;
        } else if (op == 1) {
            r = TornadoMath.exp(x);
        } else if (op == 2) {
            r = TornadoMath.log(x);
        } else if (op == 3) {
            r = TornadoMath.sqrt(x);
        } else if (op == 4) {
            r = 1f / TornadoMath.sqrt(x);
        } else if (op == 5) {
            r = TornadoMath.abs(x);
        } else if (op == 6) {
            r = TornadoMath.tanh(x);
        } else if (op == 7) {
            r = sigmoid(x);
        } else if (op == 8) {
            r = x > 0f || isNaN(x) ? x : 0f;
        } else if (op == 9) {
            r = 0.5f * x * onePlusErf(x);
        } else if (op == 10) {
            r = x * geluTanhGate(x);
        } else {
            r = x * sigmoid(x);
        }
        return r;
    }

    /** {@code op'(x)} for a UnaryOp ordinal. */
    static float derivative(int op, float x) {
        float r;
        if (op == 0) {
            r = -1f;
        } else if (op == 1) {
            r = TornadoMath.exp(x);
        } else if (op == 2) {
            r = 1f / x;
        } else if (op == 3) {
            r = 0.5f / TornadoMath.sqrt(x);
        } else if (op == 4) {
            r = -0.5f / (x * TornadoMath.sqrt(x));
        } else if (op == 5) {
            r = x > 0f ? 1f : (x < 0f ? -1f : 0f);
        } else if (op == 6) {
            float t = TornadoMath.tanh(x);
            r = 1f - t * t;
        } else if (op == 7) {
            float s = sigmoid(x);
            r = s * (1f - s);
        } else if (op == 8) {
            r = x > 0f ? 1f : 0f;
        } else if (op == 9) {
            r = 0.5f * onePlusErf(x) + x * INV_SQRT_2PI * TornadoMath.exp(-0.5f * x * x);
        } else if (op == 10) {
            float s = geluTanhGate(x);                       // (1 + t) / 2, so 1 - t^2 = 4 s (1 - s)
            float du = SQRT_2_OVER_PI * (1f + 3f * GELU_CUBIC * x * x);
            r = s + 2f * x * s * (1f - s) * du;
        } else {
            float s = sigmoid(x);
            r = s * (1f + x * (1f - s));
        }
        return r;
    }

    /** {@code op(a, b)} for a BinaryOp ordinal; max and min propagate NaN. */
    static float binary(int op, float a, float b) {
        float r;
        if (op == 0) {
            r = a + b;
        } else if (op == 1) {
            r = a - b;
        } else if (op == 2) {
            r = a * b;
        } else if (op == 3) {
            r = a / b;
        } else if (op == 4) {
            r = TornadoMath.pow(a, b);
        } else if (isNaN(a) || isNaN(b)) {
            r = a + b;
        } else if (op == 5) {
            r = TornadoMath.max(a, b);
        } else {
            r = TornadoMath.min(a, b);
        }
        return r;
    }
}
