package dev.rein.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.function.Executable;

/**
 * Helpers shared by the tensor tests: seeded inputs, double-precision views of tensors, index arithmetic for
 * the naive reference implementations, and closeness assertions that name the first bad element.
 */
final class TensorTesting {
    /** Tolerance for single F32 ops compared with a double reference: relative 1e-5 plus absolute 1e-6. */
    static final double RTOL = 1e-5;
    static final double ATOL = 1e-6;

    private TensorTesting() {
    }

    /** Values uniform in [-2, 2) from java.util.SplittableRandom (independent of the generator under test). */
    static float[] randomValues(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) (r.nextDouble() * 4 - 2);
        }
        return v;
    }

    /** A fresh contiguous F32 tensor of {@link #randomValues}. */
    static Tensor random(long seed, int... shape) {
        return Tensor.of(randomValues(seed, Math.toIntExact(Shapes.numel(shape))), shape);
    }

    /** The elements of t, row-major, as doubles. */
    static double[] values(Tensor t) {
        float[] f = t.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Row-major strides of a shape, as ints for the naive loops. */
    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = stride;
            stride *= shape[d];
        }
        return s;
    }

    /** The multi-index of flat position {@code flat} in a row-major tensor of {@code shape}. */
    static int[] unravel(long flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = (int) (flat % shape[d]);
            flat /= shape[d];
        }
        return idx;
    }

    /** The flat row-major position of a multi-index; size-1 dims of {@code shape} broadcast (index taken as 0). */
    static int ravelBroadcast(int[] idx, int[] shape) {
        int lead = idx.length - shape.length;
        int at = 0;
        for (int d = 0; d < shape.length; d++) {
            at = at * shape[d] + (shape[d] == 1 ? 0 : idx[lead + d]);
        }
        return at;
    }

    /** Replaces every line of {@code v} (row-major with {@code shape}) along {@code dim} by {@code f} of it. */
    static double[] mapLines(double[] v, int[] shape, int dim, java.util.function.UnaryOperator<double[]> f) {
        double[][] lines = lines(v, shape, dim);
        for (int l = 0; l < lines.length; l++) {
            lines[l] = f.apply(lines[l]);
        }
        double[] out = new double[v.length];
        LineLayout layout = new LineLayout(shape, dim);
        for (int l = 0; l < lines.length; l++) {
            for (int j = 0; j < layout.length; j++) {
                out[layout.index(l, j)] = lines[l][j];
            }
        }
        return out;
    }

    /** The lines of {@code v} (row-major with {@code shape}) along {@code dim}, in row-major order of the other dims. */
    static double[][] lines(double[] v, int[] shape, int dim) {
        LineLayout layout = new LineLayout(shape, dim);
        double[][] lines = new double[layout.count][layout.length];
        for (int l = 0; l < layout.count; l++) {
            for (int j = 0; j < layout.length; j++) {
                lines[l][j] = v[layout.index(l, j)];
            }
        }
        return lines;
    }

    /** Where element j of line l along a dim sits in a row-major array: dims before it (outer), after it (inner). */
    private static final class LineLayout {
        final int count;
        final int length;
        private final int inner;

        LineLayout(int[] shape, int dim) {
            int outer = 1;
            int in = 1;
            for (int d = 0; d < shape.length; d++) {
                if (d < dim) {
                    outer *= shape[d];
                } else if (d > dim) {
                    in *= shape[d];
                }
            }
            this.inner = in;
            this.length = shape[dim];
            this.count = outer * in;
        }

        int index(int line, int j) {
            int o = line / inner;
            int i = line % inner;
            return (o * length + j) * inner + i;
        }
    }

    static void assertShape(Tensor t, int... shape) {
        assertArrayEquals(shape, t.shape(), () -> "shape of " + t);
    }

    /** |actual - expected| <= atol + rtol * |expected| everywhere; NaN must meet NaN and infinities match exactly. */
    static void assertClose(double[] expected, Tensor actual, double rtol, double atol) {
        assertEquals(expected.length, actual.numel(), "element count");
        assertClose(expected, values(actual), rtol, atol);
    }

    static void assertClose(double[] expected, Tensor actual) {
        assertClose(expected, actual, RTOL, ATOL);
    }

    static void assertClose(double[] expected, double[] actual, double rtol, double atol) {
        assertClose("", expected, actual, rtol, atol);
    }

    /** As {@link #assertClose(double[], Tensor, double, double)}, with {@code what} leading any failure message. */
    static void assertClose(String what, double[] expected, Tensor actual, double rtol, double atol) {
        assertEquals(expected.length, actual.numel(), what + ": element count");
        assertClose(what, expected, values(actual), rtol, atol);
    }

    static void assertClose(String what, double[] expected, double[] actual, double rtol, double atol) {
        assertEquals(expected.length, actual.length, what + ": element count");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok;
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                ok = Double.compare(e, a) == 0 || (Double.isNaN(e) && Double.isNaN(a));
            } else {
                ok = Math.abs(a - e) <= atol + rtol * Math.abs(e);
            }
            if (!ok) {
                fail(what + (what.isEmpty() ? "" : ": ") + "element " + i + ": expected " + e + " but got " + a + " (rtol " + rtol + ", atol " + atol + ")");
            }
        }
    }

    /** Same elements exactly (used where the op only moves values). */
    static void assertValues(Tensor actual, float... expected) {
        assertArrayEquals(expected, actual.toFloatArray(), () -> "values of " + actual);
    }

    /** The op fails with a {@link ShapeException} whose message contains every fragment. */
    static ShapeException assertShapeError(Executable op, String... fragments) {
        ShapeException e = assertThrows(ShapeException.class, op);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
        return e;
    }

    /**
     * A view of a fresh copy of {@code t} with the same values but non-contiguous strides: t is embedded as a
     * narrow of a larger buffer whose last dim is padded, so the view has gaps and a non-zero offset.
     */
    static Tensor padded(Tensor t) {
        int[] shape = t.shape();
        if (shape.length == 0) {
            return t.copy();
        }
        int[] big = shape.clone();
        big[big.length - 1] += 3;
        Tensor buffer = Tensor.full(Float.NaN, big);
        Tensor view = buffer.narrow(-1, 2, shape[shape.length - 1]);
        view.copyFrom(t);
        return view;
    }

    /** A copy of a tensor laid out transposed in memory (last two dims swapped in storage), seen in t's shape. */
    static Tensor transposedLayout(Tensor t) {
        return t.mT().contiguous().mT();
    }
}
