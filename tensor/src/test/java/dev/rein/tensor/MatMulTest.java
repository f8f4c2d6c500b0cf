package dev.rein.tensor;

import static dev.rein.tensor.TensorTesting.assertClose;
import static dev.rein.tensor.TensorTesting.assertShape;
import static dev.rein.tensor.TensorTesting.assertShapeError;
import static dev.rein.tensor.TensorTesting.padded;
import static dev.rein.tensor.TensorTesting.random;
import static dev.rein.tensor.TensorTesting.ravelBroadcast;
import static dev.rein.tensor.TensorTesting.unravel;
import static dev.rein.tensor.TensorTesting.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** matmul as torch.matmul: vector promotion, batch broadcasting, strided and low-precision operands. */
class MatMulTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-5;

    /** torch.matmul in double: 1-D operands promoted and their dims dropped from the result. */
    static double[] naiveMatmul(Tensor a, Tensor b, int[] outShape) {
        int[] as = a.rank() == 1 ? new int[] {1, a.size(0)} : a.shape();
        int[] bs = b.rank() == 1 ? new int[] {b.size(0), 1} : b.shape();
        double[] av = values(a);
        double[] bv = values(b);
        int m = as[as.length - 2];
        int k = as[as.length - 1];
        int n = bs[bs.length - 1];
        int[] batchA = Arrays.copyOf(as, as.length - 2);
        int[] batchB = Arrays.copyOf(bs, bs.length - 2);
        int[] batch = Shapes.broadcast("test", batchA, batchB);
        int batches = Math.toIntExact(Shapes.numel(batch));
        double[] out = new double[batches * m * n];
        for (int bi = 0; bi < batches; bi++) {
            int[] idx = unravel(bi, batch);
            int aBase = ravelBroadcast(idx, batchA) * m * k;
            int bBase = ravelBroadcast(idx, batchB) * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += av[aBase + i * k + p] * bv[bBase + p * n + j];
                    }
                    out[(bi * m + i) * n + j] = s;
                }
            }
        }
        assertEquals(Shapes.numel(outShape), out.length, "test expectation of the result size");
        return out;
    }

    /** {a shape, b shape, result shape}. */
    private static final int[][][] CASES = {
        {{3, 4}, {4, 5}, {3, 5}},
        {{2, 3, 4}, {4, 5}, {2, 3, 5}},
        {{2, 1, 3, 4}, {3, 4, 5}, {2, 3, 3, 5}},
        {{3, 4}, {2, 4, 5}, {2, 3, 5}},
        {{2, 3, 4}, {2, 4, 5}, {2, 3, 5}},
        {{4}, {4, 5}, {5}},
        {{4}, {2, 4, 5}, {2, 5}},
        {{3, 4}, {4}, {3}},
        {{2, 3, 4}, {4}, {2, 3}},
        {{2, 2, 3, 4}, {4}, {2, 2, 3}},
        {{4}, {4}, {}},
        {{1, 17}, {17, 33}, {1, 33}},
        {{5, 0}, {0, 3}, {5, 3}},
    };

    @Test
    void shapesAndValuesFollowTorchMatmul() {
        int seed = 0;
        for (int[][] c : CASES) {
            Tensor a = random(++seed, c[0]);
            Tensor b = random(++seed, c[1]);
            String what = Shapes.str(c[0]) + " @ " + Shapes.str(c[1]);
            Tensor y = a.matmul(b);
            assertShape(y, c[2]);
            double[] expected = naiveMatmul(a, b, c[2]);
            assertClose(what, expected, y, RTOL, ATOL);
            assertClose(what + " strided", expected, padded(a).matmul(padded(b)), RTOL, ATOL);
        }
    }

    @Test
    void transposedOperandsArePassedAsViews() {
        Tensor weight = random(40, 6, 4); // [out, in] as a linear layer stores it
        Tensor x = random(41, 2, 3, 4);
        Tensor keysStored = random(42, 2, 5, 4); // [B, T, D]: k^T is a transposed view
        RecordingBackend backend = new RecordingBackend();
        Tensor y = backend.record(() -> x.matmul(weight.mT()));
        Tensor scores = backend.record(() -> x.matmul(keysStored.mT()));
        assertSame(weight.storage(), backend.matmuls.get(0)[1].storage(), "weight^T was copied");
        assertSame(x.storage(), backend.matmuls.get(0)[0].storage(), "x was copied");
        assertSame(keysStored.storage(), backend.matmuls.get(1)[1].storage(), "k^T was copied");
        assertClose(naiveMatmul(x, weight.mT().contiguous(), y.shape()), y, RTOL, ATOL);
        assertClose(naiveMatmul(x, keysStored.mT().contiguous(), scores.shape()), scores, RTOL, ATOL);
        assertShape(scores, 2, 3, 5);

        // a transposed left operand (rows of A strided) and a broadcast batch (stride 0) need no copy either
        Tensor aStored = random(43, 2, 4, 3);
        Tensor shared = random(44, 4, 5);
        Tensor y2 = backend.record(() -> aStored.mT().matmul(shared.unsqueeze(0).expand(2, 4, 5)));
        Tensor[] call = backend.matmuls.get(2);
        assertSame(aStored.storage(), call[0].storage(), "A^T was copied");
        assertSame(shared.storage(), call[1].storage(), "the broadcast batch was copied");
        assertEquals(0, call[1].stride(0));
        assertClose(naiveMatmul(aStored.mT().contiguous(), shared, y2.shape()), y2, RTOL, ATOL);
        Tensor y3 = backend.record(() -> aStored.mT().matmul(shared)); // [2, 3, 4] @ [4, 5], no batch dim on b
        assertSame(aStored.storage(), backend.matmuls.get(3)[0].storage(), "A^T was copied to fold its batch");
        assertClose(naiveMatmul(aStored.mT().contiguous(), shared, y3.shape()), y3, RTOL, ATOL);
    }

    @Test
    void lowPrecisionWeightsAreUsedAsStored() {
        Tensor x = random(50, 3, 8);
        for (DType dt : new DType[] {DType.BF16, DType.F16}) {
            Tensor w = random(51, 5, 8).to(dt); // [out, in]
            RecordingBackend backend = new RecordingBackend();
            Tensor y = backend.record(() -> LinearAlgebra.linear(x, w, null));
            assertEquals(dt, backend.matmuls.getFirst()[1].dtype(), "weights widened before the kernel");
            assertClose(naiveMatmul(x, w.to(DType.F32).mT().contiguous(), y.shape()), y, RTOL, ATOL);
        }
    }

    @Test
    void linearAddsTheBias() {
        Tensor x = random(60, 2, 3, 4);
        Tensor w = random(61, 5, 4);
        Tensor bias = random(62, 5);
        Tensor y = LinearAlgebra.linear(x, w, bias);
        assertShape(y, 2, 3, 5);
        double[] expected = naiveMatmul(x, w.mT().contiguous(), y.shape());
        double[] bv = values(bias);
        for (int i = 0; i < expected.length; i++) {
            expected[i] += bv[i % 5];
        }
        assertClose(expected, y, RTOL, ATOL);
    }

    @Test
    void mismatchesNameTheOpAndBothShapes() {
        assertShapeError(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)), "matmul", "[2, 3]", "[4, 5]");
        assertShapeError(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 5)), "matmul", "[2]", "[3]");
        assertShapeError(() -> Tensor.zeros(3).matmul(Tensor.zeros(4)), "matmul", "[3]", "[4]");
        assertShapeError(() -> Tensor.scalar(1f).matmul(Tensor.zeros(4)), "matmul");
    }

    /**
     * KNOWN FAILURE, bug in cpu/CpuMatMul.java (owned by the engineer rewriting it; not fixed here): the kernel
     * skips a[i][p] == 0, so 0 * inf and 0 * NaN in the weights give 0 instead of NaN as IEEE and torch.matmul do.
     */
    @Test
    void nonFiniteWeightsPropagateEvenWhenMultipliedByZero() {
        Tensor a = Tensor.of(new float[] {0f, 1f}, 1, 2);
        Tensor w = Tensor.of(new float[] {Float.POSITIVE_INFINITY, Float.NaN, 2f, 3f}, 2, 2);
        float[] y = a.matmul(w).toFloatArray();
        assertTrue(Float.isNaN(y[0]) && Float.isNaN(y[1]), Arrays.toString(y));
    }
}
