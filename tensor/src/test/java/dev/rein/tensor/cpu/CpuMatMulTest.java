package dev.rein.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.DType;
import dev.rein.tensor.Elements;
import dev.rein.tensor.LinearAlgebra;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every path of {@link CpuMatMul} (packed GEMM with full and edge tiles, the two matrix-vector layouts, the
 * generic-stride packing, batch broadcast) against a double-precision product of the same (widened) values.
 */
class CpuMatMulTest {
    private final TensorRandom random = new TensorRandom(42);

    /** a [B, M, K] random F32, contiguous. */
    private Tensor matrix(int... shape) {
        return random.uniform(-1f, 1f, shape);
    }

    /** Runs the kernel into an output prefilled with NaN (the kernel must overwrite) and checks it. */
    private static void check(Tensor a, Tensor w) {
        Tensor out = Tensor.full(Float.NaN, a.size(0), a.size(1), w.size(2));
        CpuMatMul.matmul(a, w, out);
        Reference expected = Reference.of(a, w);
        assertClose(expected.product(), expected.scale(), out);
    }

    /** The exact product and its F32 rounding-error scale, sum over p of |a[b,i,p] * w[b,p,j]|. */
    private record Reference(double[][][] product, double[][][] scale) {
        static Reference of(Tensor a, Tensor w) {
            int batch = a.size(0);
            int m = a.size(1);
            int k = a.size(2);
            int n = w.size(2);
            double[][][] product = new double[batch][m][n];
            double[][][] scale = new double[batch][m][n];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < m; i++) {
                    for (int p = 0; p < k; p++) {
                        double av = a.getFloat(b, i, p);
                        for (int j = 0; j < n; j++) {
                            double wv = w.getFloat(b, p, j);
                            product[b][i][j] += av * wv;
                            scale[b][i][j] += Math.abs(av * wv);
                        }
                    }
                }
            }
            return new Reference(product, scale);
        }
    }

    private static void assertClose(double[][][] expected, double[][][] scale, Tensor out) {
        for (int b = 0; b < expected.length; b++) {
            for (int i = 0; i < expected[b].length; i++) {
                for (int j = 0; j < expected[b][i].length; j++) {
                    int bb = b;
                    int ii = i;
                    int jj = j;
                    double got = out.getFloat(b, i, j);
                    double tol = 1e-5 * scale[b][i][j] + 1e-30;
                    double want = expected[b][i][j];
                    assertTrue(Math.abs(got - want) <= tol,
                            () -> "out[" + bb + ", " + ii + ", " + jj + "] = " + got + ", expected " + want + " (tolerance " + tol + ")");
                }
            }
        }
    }

    @ParameterizedTest(name = "gemm {0}x{1}x{2}")
    @CsvSource({"1,1,1", "5,3,17", "6,17,16", "17,65,33", "65,257,17", "7,300,129", "130,513,70", "3,3,4100",
            "257,31,65", "25,16,1"})
    void contiguousProducts(int m, int k, int n) {
        check(matrix(1, m, k), matrix(1, k, n));
    }

    @ParameterizedTest(name = "transposed weight {0}, M={1}")
    @CsvSource({"F32,1", "F32,2", "F32,3", "F32,4", "F32,8", "F32,9", "F32,16", "BF16,1", "BF16,3", "BF16,4",
            "BF16,8", "BF16,13", "BF16,16", "F16,1", "F16,4", "F16,7", "F16,16"})
    void linearLayoutWeights(DType dtype, int m) {
        // w stored [N, K] and viewed as [K, N]: the decode-time matrix-vector case when M is small
        for (int[] kn : new int[][] {{1, 1}, {67, 33}, {1000, 9}, {16, 5}, {300, 130}}) {
            Tensor w = matrix(1, kn[1], kn[0]).to(dtype).mT();
            check(matrix(1, m, kn[0]), w);
        }
    }

    /**
     * A row decoded in a batch must get the bits it gets alone (batched generation equals one prompt at a time):
     * whatever the matrix-vector path does for several rows must keep the one-row path's additions in their order.
     */
    @ParameterizedTest(name = "batch rows as one row, {0}, M={1}")
    @CsvSource({"BF16,2", "BF16,5", "BF16,8", "BF16,16", "F16,3", "F16,8", "F32,8"})
    void eachRowOfABatchGetsTheBitsOfThatRowAlone(DType dtype, int m) {
        for (int[] kn : new int[][] {{1000, 9}, {67, 33}, {64, 4}}) {
            Tensor w = matrix(1, kn[1], kn[0]).to(dtype).mT();
            Tensor a = matrix(1, m, kn[0]);
            Tensor batch = Tensor.zeros(1, m, kn[1]);
            CpuMatMul.matmul(a, w, batch);
            for (int i = 0; i < m; i++) {
                Tensor alone = Tensor.zeros(1, 1, kn[1]);
                CpuMatMul.matmul(a.narrow(1, i, 1).contiguous(), w, alone);
                for (int j = 0; j < kn[1]; j++) {
                    assertEquals(Float.floatToRawIntBits(alone.getFloat(0, 0, j)),
                            Float.floatToRawIntBits(batch.getFloat(0, i, j)), "row " + i + ", column " + j);
                }
            }
        }
    }

    @ParameterizedTest(name = "prompt through a linear-layout weight {0}")
    @EnumSource(value = DType.class, names = {"F32", "BF16", "F16"})
    void promptThroughLinearLayoutWeights(DType dtype) {
        // more rows than MatVec takes, so the packed GEMM reads W [N, K] through its vector transpose: whole and
        // partial k blocks (K 33, 300), partial panels (N 70), and a weight that is a column slice of a wider one
        int m = MatVec.MAX_ROWS + 5;
        for (int[] kn : new int[][] {{64, 64}, {33, 70}, {300, 100}, {512, 96}}) {
            check(matrix(1, m, kn[0]), matrix(1, kn[1], kn[0]).to(dtype).mT());
        }
        Tensor wide = matrix(1, 70, 301).to(dtype).narrow(2, 3, 290); // [1, 70, 290], rows 301 apart, offset 3
        check(matrix(1, 2 * m, 290), wide.mT());
    }

    @ParameterizedTest(name = "row-major weight {0}")
    @EnumSource(value = DType.class, names = {"F32", "BF16", "F16"})
    void rowMajorWeights(DType dtype) {
        for (int m : new int[] {1, 2, 4, 6}) {
            for (int[] kn : new int[][] {{1, 1}, {33, 300}, {7, 521}, {100, 17}}) {
                check(matrix(1, m, kn[0]), matrix(1, kn[0], kn[1]).to(dtype));
            }
        }
    }

    @Test
    void transposedAndNonContiguousActivations() {
        check(matrix(1, 70, 19).mT(), matrix(1, 70, 40)); // a column-major
        check(matrix(1, 40, 3).mT(), matrix(1, 40, 40)); // a column-major, few rows
        Tensor strided = matrix(1, 31, 90).slice(2, 1, 90, 3); // a [1, 31, 30] with stride 3 over K
        check(strided, matrix(1, 30, 21));
        check(strided.narrow(1, 0, 2), matrix(1, 30, 21).to(DType.BF16));
    }

    @Test
    void weightsWithNoUnitStride() {
        Tensor w = matrix(1, 40, 50).slice(1, 0, 40, 2).slice(2, 1, 50, 3); // [1, 20, 17] strides (.., 100, 3)
        check(matrix(1, 1, 20), w);
        check(matrix(1, 9, 20), w);
        check(matrix(1, 9, 20), matrix(1, 40, 50).to(DType.F16).slice(1, 0, 40, 2).slice(2, 1, 50, 3));
    }

    @Test
    void batchBroadcastWithStrideZero() {
        Tensor w = matrix(1, 33, 21).expand(3, 33, 21);
        check(matrix(3, 7, 33), w);
        check(matrix(3, 1, 33), w);
        check(matrix(1, 7, 33).expand(3, 7, 33), matrix(3, 33, 21));
        check(matrix(3, 2, 33), matrix(1, 21, 33).to(DType.BF16).mT().expand(3, 33, 21));
    }

    @Test
    void manySmallBatchesAndOneLargeBatch() {
        check(matrix(8, 10, 64), matrix(8, 64, 12).mT().mT()); // spread one batch per core
        check(matrix(8, 3, 64), matrix(8, 12, 64).mT()); // attention scores at decode
        check(matrix(2, 100, 70), matrix(2, 70, 90)); // each batch split across cores
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        Tensor out = Tensor.full(Float.NaN, 2, 3, 4);
        CpuMatMul.matmul(Tensor.zeros(2, 3, 0), Tensor.zeros(2, 0, 4), out);
        for (float v : out.toFloatArray()) {
            assertEquals(0f, v);
        }
    }

    @Test
    void linearThroughTheFrontEnd() {
        Tensor x = matrix(2, 3, 50);
        Tensor weight = matrix(7, 50).to(DType.BF16);
        Tensor y = LinearAlgebra.linear(x, weight, null);
        Tensor expected = Tensor.zeros(1, 6, 7);
        CpuMatMul.matmul(x.reshape(1, 6, 50), weight.to(DType.F32).mT().unsqueeze(0), expected);
        float[] got = y.toFloatArray();
        float[] want = expected.toFloatArray();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5f * (1 + Math.abs(want[i])));
        }
    }

    @Test
    void vectorWideningMatchesScalarForEveryBitPattern() {
        int lanes = IntVector.SPECIES_PREFERRED.length();
        MemorySegment bits = Arena.ofAuto().allocate(2L * 65536, 64);
        for (int h = 0; h < 65536; h++) {
            bits.setAtIndex(Elements.I16, h, (short) h);
        }
        for (int at = 0; at < 65536; at += 2 * lanes) {
            IntVector v = IntVector.fromMemorySegment(IntVector.SPECIES_PREFERRED, bits, 2L * at, Widen.LE);
            float[][] widened = {
                Widen.f16Even(v).toArray(), Widen.f16Odd(v).toArray(),
                Widen.bf16Even(v).toArray(), Widen.bf16Odd(v).toArray()};
            for (int i = 0; i < lanes; i++) {
                for (int odd = 0; odd < 2; odd++) {
                    short h = (short) (at + 2 * i + odd);
                    assertSameFloat(Float.float16ToFloat(h), widened[odd][i], h);
                    assertSameFloat(Float.intBitsToFloat((h & 0xFFFF) << 16), widened[2 + odd][i], h);
                }
            }
        }
        assertEquals(FloatVector.SPECIES_PREFERRED.length(), lanes);
    }

    private static void assertSameFloat(float expected, float got, short bits) {
        if (Float.isNaN(expected)) {
            assertTrue(Float.isNaN(got), () -> "bits " + Integer.toHexString(bits & 0xFFFF) + " gave " + got);
        } else {
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(got),
                    () -> "bits " + Integer.toHexString(bits & 0xFFFF) + ": " + expected + " vs " + got);
        }
    }
}
