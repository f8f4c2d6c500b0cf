package dev.rein.tensor;

import static dev.rein.tensor.TensorTesting.assertClose;
import static dev.rein.tensor.TensorTesting.assertShape;
import static dev.rein.tensor.TensorTesting.assertShapeError;
import static dev.rein.tensor.TensorTesting.assertValues;
import static dev.rein.tensor.TensorTesting.padded;
import static dev.rein.tensor.TensorTesting.random;
import static dev.rein.tensor.TensorTesting.ravelBroadcast;
import static dev.rein.tensor.TensorTesting.transposedLayout;
import static dev.rein.tensor.TensorTesting.unravel;
import static dev.rein.tensor.TensorTesting.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Unary and binary ops, where/masked_fill and clamp against double-precision definitions. */
class ElementwiseTest {

    /** The error function by composite Simpson integration of 2/sqrt(pi) exp(-t^2) (independent of the library). */
    static double erf(double x) {
        int n = 4000;
        double h = x / n;
        double s = 1 + Math.exp(-x * x);
        for (int i = 1; i < n; i++) {
            double t = i * h;
            s += (i % 2 == 1 ? 4 : 2) * Math.exp(-t * t);
        }
        return 2 / Math.sqrt(Math.PI) * s * h / 3;
    }

    static double reference(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case RSQRT -> 1 / Math.sqrt(x);
            case ABS -> Math.abs(x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case RELU -> Double.isNaN(x) ? x : Math.max(x, 0);
            case GELU_ERF -> 0.5 * x * (1 + erf(x / Math.sqrt(2)));
            case GELU_TANH -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            case SILU -> x / (1 + Math.exp(-x));
        };
    }

    static double reference(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAX -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
            case MIN -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
        };
    }

    private static Function<Tensor, Tensor> fluent(UnaryOp op) {
        return switch (op) {
            case NEG -> Tensor::neg;
            case EXP -> Tensor::exp;
            case LOG -> Tensor::log;
            case SQRT -> Tensor::sqrt;
            case RSQRT -> Tensor::rsqrt;
            case ABS -> Tensor::abs;
            case TANH -> Tensor::tanh;
            case SIGMOID -> Tensor::sigmoid;
            case RELU -> Tensor::relu;
            case GELU_ERF -> Tensor::gelu;
            case GELU_TANH -> Tensor::geluTanh;
            case SILU -> Tensor::silu;
        };
    }

    private static double[] expectedUnary(UnaryOp op, Tensor x) {
        double[] in = values(x);
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) reference(op, in[i]); // the F32 result of the exact value
        }
        return out;
    }

    private static boolean needsPositive(UnaryOp op) {
        return op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.RSQRT;
    }

    @Test
    void unaryOpsMatchTheirDefinitionsOnContiguousAndStridedInputs() {
        for (UnaryOp op : UnaryOp.values()) {
            Tensor x = random(op.ordinal(), 3, 37).mul(3f); // [-6, 6): both the vector loop and the tail run
            if (needsPositive(op)) {
                x = x.abs().add(1e-3f);
            }
            double[] expected = expectedUnary(op, x);
            String name = op.name();
            for (Tensor input : List.of(x, padded(x), transposedLayout(x), x.select(0, 1).unsqueeze(0).expand(3, 37))) {
                Tensor y = fluent(op).apply(input);
                assertShape(y, 3, 37);
                double[] want = input == x || input.stride(0) != 0 ? expected : expectedUnary(op, input);
                assertTrue(y.isContiguous(), name);
                assertClose(name, want, y, 2e-6, 1e-6);
            }
        }
    }

    @Test
    void unaryOpsAtSpecialValues() {
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 100f, -100f, 1e-30f};
        // 17 copies so the specials go through the vector loop as well as the scalar tail
        float[] x = new float[special.length * 17];
        for (int i = 0; i < x.length; i++) {
            x[i] = special[i % special.length];
        }
        Tensor t = Tensor.of(x);
        Tensor strided = Tensor.zeros(2 * x.length).slice(0, 0, 2 * x.length, 2); // stride 2: the scalar path
        strided.copyFrom(t);
        for (UnaryOp op : UnaryOp.values()) {
            if (op == UnaryOp.GELU_ERF || op == UnaryOp.GELU_TANH || op == UnaryOp.SILU) {
                continue; // x * (something at +-inf) is checked below with finite inputs
            }
            assertClose(op + " vector path", expectedUnary(op, t), fluent(op).apply(t), 1e-6, 1e-30);
            assertClose(op + " scalar path", expectedUnary(op, t), fluent(op).apply(strided), 1e-6, 1e-30);
        }
        Tensor big = Tensor.of(-100f, -30f, 30f, 100f, Float.NaN);
        assertClose(new double[] {0, -0.0, 30, 100, Double.NaN}, big.gelu(), 1e-6, 1e-30);
        assertClose(new double[] {0, -0.0, 30, 100, Double.NaN}, big.geluTanh(), 1e-6, 1e-30);
        assertClose(new double[] {-100 / (1 + Math.exp(100)), -30 / (1 + Math.exp(30)), 30, 100, Double.NaN},
                big.silu(), 1e-6, 1e-30);
    }

    @Test
    void unaryOpsWidenOtherDTypes() {
        Tensor x = Tensor.of(-1.5f, 0.25f, 2f).to(DType.BF16);
        Tensor y = x.exp();
        assertEquals(DType.F32, y.dtype());
        assertClose(new double[] {Math.exp(-1.5), Math.exp(0.25), Math.exp(2)}, y);
        assertValues(Tensor.ofInts(new int[] {-3, 4}, 2).abs(), 3, 4);
    }

    /** (a shape, b shape) pairs that broadcast, with the result shape. */
    private static final int[][][] BROADCASTS = {
        {{2, 3, 37}, {37}, {2, 3, 37}},
        {{3, 1}, {1, 37}, {3, 37}},
        {{2, 1, 37}, {3, 1}, {2, 3, 37}},
        {{37}, {}, {37}},
        {{}, {2, 37}, {2, 37}},
        {{4, 37}, {4, 37}, {4, 37}},
        {{1}, {5, 1, 1}, {5, 1, 1}},
        {{0, 3}, {3}, {0, 3}},
    };

    private static double[] expectedBinary(BinaryOp op, Tensor a, Tensor b, int[] shape) {
        double[] av = values(a);
        double[] bv = values(b);
        double[] out = new double[Math.toIntExact(Shapes.numel(shape))];
        for (int i = 0; i < out.length; i++) {
            int[] idx = unravel(i, shape);
            out[i] = reference(op, av[ravelBroadcast(idx, a.shape())], bv[ravelBroadcast(idx, b.shape())]);
        }
        return out;
    }

    private static Tensor operand(BinaryOp op, long seed, int[] shape) {
        Tensor t = random(seed, shape);
        return op == BinaryOp.POW || op == BinaryOp.DIV ? t.abs().add(0.5f) : t;
    }

    @Test
    void binaryOpsBroadcastLikeNumPy() {
        for (BinaryOp op : BinaryOp.values()) {
            for (int[][] c : BROADCASTS) {
                Tensor a = operand(op, 1, c[0]);
                Tensor b = operand(op, 2, c[1]);
                double[] expected = expectedBinary(op, a, b, c[2]);
                String what = op + " " + Shapes.str(c[0]) + " with " + Shapes.str(c[1]);
                Tensor y = Elementwise.binary(op, a, b);
                assertShape(y, c[2]);
                assertClose(what, expected, y, 1e-6, 1e-6);
                // the same values through strided layouts: gaps, transposed storage, and operands swapped
                Tensor ys = Elementwise.binary(op, padded(a), padded(b));
                assertClose(expected, ys, 1e-6, 1e-6);
                if (a.rank() >= 2 && b.rank() >= 2) {
                    assertClose(expected, Elementwise.binary(op, transposedLayout(a), transposedLayout(b)), 1e-6, 1e-6);
                }
                assertClose(expectedBinary(op, b, a, c[2]), Elementwise.binary(op, b, a), 1e-6, 1e-6);
                assertTrue(y.isContiguous(), what);
            }
        }
    }

    @Test
    void binaryOpsAcceptExpandedAndTransposedOperands() {
        Tensor row = random(3, 37);
        Tensor expandedRow = row.unsqueeze(0).expand(5, 37); // stride 0 in dim 0
        Tensor col = random(4, 5, 1).expand(5, 37); // stride 0 in dim 1
        Tensor t = random(5, 37, 5).mT(); // [5, 37] viewed transposed
        for (BinaryOp op : List.of(BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.MAX, BinaryOp.MIN)) {
            for (Tensor[] pair : new Tensor[][] {{expandedRow, col}, {col, t}, {t, expandedRow}, {t, t}}) {
                Tensor a = pair[0];
                Tensor b = pair[1];
                double[] expected = expectedBinary(op, a.contiguous(), b.contiguous(), new int[] {5, 37});
                assertClose(expected, Elementwise.binary(op, a, b), 1e-6, 1e-6);
            }
        }
    }

    @Test
    void fluentAndScalarForms() {
        Tensor a = Tensor.of(1f, -2f, 3f);
        Tensor b = Tensor.of(4f, 5f, -6f);
        assertValues(a.add(b), 5, 3, -3);
        assertValues(a.sub(b), -3, -7, 9);
        assertValues(a.mul(b), 4, -10, -18);
        assertValues(a.div(Tensor.of(2f, 4f, 8f)), 0.5f, -0.5f, 0.375f);
        assertValues(a.maximum(b), 4, 5, 3);
        assertValues(a.minimum(b), 1, -2, -6);
        assertValues(a.add(1f), 2, -1, 4);
        assertValues(a.sub(1f), 0, -3, 2);
        assertValues(a.mul(2f), 2, -4, 6);
        assertValues(a.div(2f), 0.5f, -1, 1.5f);
        assertValues(a.pow(2f), 1, 4, 9);
        assertValues(Tensor.of(4f, 9f).pow(Tensor.of(0.5f)), 2, 3);
        assertValues(a.neg(), -1, 2, -3);
    }

    @Test
    void maximumAndMinimumPropagateNaNInEveryPath() {
        float[] x = new float[37];
        x[3] = Float.NaN; // inside the vector loop
        x[36] = Float.NaN; // in the scalar tail
        Tensor a = Tensor.of(x);
        for (Tensor y : List.of(a.maximum(Tensor.zeros(37)), a.minimum(Tensor.scalar(1f)), a.clamp(-1f, 1f),
                Tensor.zeros(37).maximum(a))) {
            float[] v = y.toFloatArray();
            assertTrue(Float.isNaN(v[3]) && Float.isNaN(v[36]), y.toString());
            assertEquals(0f, v[0]);
        }
    }

    @Test
    void shapeMismatchNamesTheOpAndBothShapes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4);
        for (BinaryOp op : BinaryOp.values()) {
            assertShapeError(() -> Elementwise.binary(op, a, b), op.name().toLowerCase(), "[2, 3]", "[4]");
        }
        assertShapeError(() -> a.add(Tensor.zeros(3, 3)), "add", "[2, 3]", "[3, 3]");
        assertShapeError(() -> Elementwise.where(Tensor.ofBools(new boolean[2], 2), a, a), "where", "[2]", "[2, 3]");
        assertShapeError(() -> Elementwise.where(Tensor.zeros(2, 3), a, a), "where", "BOOL");
        assertShapeError(() -> a.clamp(1f, -1f), "clamp");
    }

    @Test
    void whereAndMaskedFillBroadcast() {
        Tensor cond = Tensor.ofBools(new boolean[] {true, false, true}, 3);
        Tensor a = random(6, 2, 3);
        Tensor b = Tensor.of(10f, 20f).unsqueeze(1); // [2, 1]
        Tensor y = Elementwise.where(cond, a, b);
        assertShape(y, 2, 3);
        assertValues(y, a.getFloat(0, 0), 10f, a.getFloat(0, 2), a.getFloat(1, 0), 20f, a.getFloat(1, 2));

        Tensor mask = Tensor.ofBools(new boolean[] {false, true}, 2, 1);
        Tensor filled = Elementwise.maskedFill(a.mT(), mask.mT(), -5f); // [3, 2] transposed view, mask [1, 2]
        assertShape(filled, 3, 2);
        assertValues(filled, a.getFloat(0, 0), -5, a.getFloat(0, 1), -5, a.getFloat(0, 2), -5);
        float[] big = new float[3 * 37];
        boolean[] m = new boolean[37];
        for (int i = 0; i < 37; i++) {
            m[i] = i % 3 == 0;
        }
        Tensor wide = Elementwise.maskedFill(Tensor.of(big, 3, 37), Tensor.ofBools(m, 37), Float.NEGATIVE_INFINITY);
        assertEquals(Float.NEGATIVE_INFINITY, wide.getFloat(2, 36));
        assertEquals(0f, wide.getFloat(2, 35));
    }

    @Test
    void clampAndSoftcap() {
        Tensor x = random(8, 4, 37).mul(4f);
        double[] xv = values(x);
        double[] clamped = new double[xv.length];
        double[] capped = new double[xv.length];
        for (int i = 0; i < xv.length; i++) {
            clamped[i] = Math.min(Math.max(xv[i], -1.5), 2.0);
            capped[i] = 5 * Math.tanh(xv[i] / 5);
        }
        assertClose(clamped, x.clamp(-1.5f, 2f), 0, 0);
        assertClose(clamped, transposedLayout(x).clamp(-1.5f, 2f), 0, 0);
        assertClose(capped, Elementwise.softcap(x, 5f), 2e-6, 1e-6);
    }
}
