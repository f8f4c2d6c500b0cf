package dev.rein.tensor;

import static dev.rein.tensor.TensorTesting.assertClose;
import static dev.rein.tensor.TensorTesting.assertShape;
import static dev.rein.tensor.TensorTesting.assertShapeError;
import static dev.rein.tensor.TensorTesting.assertValues;
import static dev.rein.tensor.TensorTesting.padded;
import static dev.rein.tensor.TensorTesting.random;
import static dev.rein.tensor.TensorTesting.transposedLayout;
import static dev.rein.tensor.TensorTesting.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** sum, mean, max, min, argmax and var over each dim, keeping or dropping it, against naive loops. */
class ReductionsTest {

    /** Applies {@code f} to every line of x along {@code dim}; the result has x's shape without that dim. */
    static double[] reduceNaive(Tensor x, int dim, ToDoubleFunction<double[]> f) {
        return java.util.Arrays.stream(TensorTesting.lines(values(x), x.shape(), dim)).mapToDouble(f).toArray();
    }

    static double sum(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        return s;
    }

    static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : a) {
            m = Math.max(m, x);
        }
        return m;
    }

    static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : a) {
            m = Math.min(m, x);
        }
        return m;
    }

    static double argmax(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best] || (Double.isNaN(a[i]) && !Double.isNaN(a[best]))) {
                best = i;
            }
        }
        return best;
    }

    static double var(double[] a, int correction) {
        double mean = sum(a) / a.length;
        double ss = 0;
        for (double x : a) {
            ss += (x - mean) * (x - mean);
        }
        return ss / Math.max(0, a.length - correction);
    }

    private static int[] reducedShape(int[] shape, int dim, ReducedDim reduced) {
        return Reductions.reducedShape(shape, dim, reduced);
    }

    @Test
    void everyReductionOverEveryDimOfStridedInputs() {
        Tensor x = random(21, 3, 4, 37);
        for (Tensor input : List.of(x, padded(x), transposedLayout(x), x.permute(2, 0, 1).contiguous().permute(1, 2, 0))) {
            for (int dim = 0; dim < 3; dim++) {
                for (ReducedDim keep : ReducedDim.values()) {
                    int[] shape = reducedShape(x.shape(), dim, keep);
                    int negative = dim - 3;
                    String what = "dim " + dim + " " + keep;
                    Tensor s = input.sum(negative, keep);
                    assertShape(s, shape);
                    assertClose(what + " sum", reduceNaive(x, dim, ReductionsTest::sum), s, 1e-5, 1e-5);
                    assertClose(what + " mean", reduceNaive(x, dim, a -> sum(a) / a.length), input.mean(dim, keep), 1e-5, 1e-6);
                    assertClose(what + " max", reduceNaive(x, dim, ReductionsTest::max), input.max(dim, keep), 0, 0);
                    assertClose(what + " min", reduceNaive(x, dim, ReductionsTest::min), input.min(dim, keep), 0, 0);
                    Tensor am = input.argmax(dim, keep);
                    assertEquals(DType.I64, am.dtype());
                    assertShape(am, shape);
                    assertClose(what + " argmax", reduceNaive(x, dim, ReductionsTest::argmax), am, 0, 0);
                    assertClose(what + " var", reduceNaive(x, dim, a -> var(a, 1)), input.var(dim, keep, 1), 1e-5, 1e-6);
                    assertClose(what + " var0", reduceNaive(x, dim, a -> var(a, 0)), input.var(dim, keep, 0), 1e-5, 1e-6);
                }
            }
        }
    }

    @Test
    void reductionsOfExpandedAndLowPrecisionInputs() {
        Tensor row = random(22, 1, 37);
        Tensor e = row.expand(5, 37);
        assertClose(values(row.mul(5f)), e.sum(0), 1e-6, 1e-6);
        double rowMean = sum(values(row)) / 37;
        assertClose(new double[] {rowMean, rowMean, rowMean, rowMean, rowMean}, e.mean(1), 1e-5, 1e-6);
        assertClose(reduceNaive(e.contiguous(), 0, ReductionsTest::max), e.max(0, ReducedDim.KEEP), 0, 0);
        Tensor bf = random(23, 4, 9).to(DType.BF16);
        assertClose(reduceNaive(bf, 1, ReductionsTest::sum), bf.sum(1), 1e-5, 1e-5);
        assertValues(Tensor.ofInts(new int[] {1, 2, 3, 4}, 2, 2).sum(0), 4, 6);
    }

    @Test
    void wholeTensorReductions() {
        Tensor x = random(24, 3, 5, 7);
        double[] v = values(x);
        assertEquals(0, x.sum().rank());
        assertEquals(sum(v), x.sum().item(), 1e-4);
        assertEquals(sum(v) / v.length, transposedLayout(x).mean().item(), 1e-6);
        assertEquals(6f, Tensor.scalar(6f).sum().item());
    }

    @Test
    void argmaxTakesTheFirstOfTiesAndTheFirstNaN() {
        Tensor x = Tensor.of(new float[] {1, 3, 3, 2, 5, 5, 5, 5, Float.NaN, 1, Float.NaN, 9}, 3, 4);
        assertArrayEquals(new long[] {1, 0, 0}, x.argmax(1).toLongArray());
        assertArrayEquals(new long[] {2, 1, 2, 2}, x.argmax(0).toLongArray());
        assertTrue(Float.isNaN(x.max(1).getFloat(2)));
        assertTrue(Float.isNaN(x.min(1).getFloat(2)));
        assertEquals(5f, x.max(1).getFloat(1));
    }

    @Test
    void emptyDims() {
        Tensor empty = Tensor.zeros(2, 0);
        assertValues(empty.sum(1), 0, 0); // as torch: the sum of nothing is 0
        assertShape(empty.sum(1, ReducedDim.KEEP), 2, 1);
        float[] mean = empty.mean(1).toFloatArray();
        assertTrue(Float.isNaN(mean[0]) && Float.isNaN(mean[1]));
        assertShape(empty.sum(0), 0);
        assertShapeError(() -> empty.max(1), "max", "[2, 0]");
        assertShapeError(() -> empty.min(1), "min", "[2, 0]");
        assertShapeError(() -> empty.argmax(1), "argmax", "[2, 0]");
    }

    @Test
    void badDimsNameTheOp() {
        Tensor x = Tensor.zeros(2, 3);
        assertShapeError(() -> x.sum(2), "sum", "2");
        assertShapeError(() -> x.argmax(-3), "argmax");
        assertShapeError(() -> x.var(5, 1), "var");
    }
}
