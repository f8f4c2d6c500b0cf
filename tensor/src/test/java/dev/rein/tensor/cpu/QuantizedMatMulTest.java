package dev.rein.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.tensor.DType;
import dev.rein.tensor.Indexing;
import dev.rein.tensor.LinearAlgebra;
import dev.rein.tensor.QuantizedBlocks;
import dev.rein.tensor.Storage;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.TensorRandom;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The block-quantised kernels ({@link QuantizedMatVec} for decode, the packed GEMM decoding slices of the blocks
 * for prompts and for the input gradient W^T g) against decoding the same blocks with ggml's definitions
 * ({@link QuantizedBlocks}) and multiplying in double. Blocks are random bytes with a sane fp16 scale (any other bit
 * pattern is a valid block), so every quant value and every Q4_K/Q6_K scale code occurs.
 *
 * <p>Tolerance: the kernels sum in float32 (per block, then per row), so the error of an output is a few float32
 * roundings of the partial sums: bounded by {@code 1e-5 * sum_j |w_j x_j|} at these depths (K up to 1024, about
 * 100 times the 2^-24 rounding times the depth's square root); Q4_K's dot product sums its scale and min parts
 * apart, each bounded by the element's largest part, so the bound uses |d sc q| + |dmin m| there, which the
 * decoded |w| plus the row's largest |w| covers.
 */
class QuantizedMatMulTest {
    private static final DType[] TYPES = {DType.Q8_0, DType.Q4_0, DType.Q4_K, DType.Q6_K};

    /** [rows, k] random blocks of {@code type}. */
    static Tensor randomWeight(DType type, int rows, int k, long seed) {
        Random random = new Random(seed);
        int blocks = rows * k / type.blockElements();
        byte[] bytes = new byte[blocks * type.blockBytes()];
        random.nextBytes(bytes);
        for (int b = 0; b < blocks; b++) {
            int at = b * type.blockBytes();
            switch (type) {
                case Q8_0, Q4_0 -> putHalf(bytes, at, 0.001f + 0.05f * random.nextFloat());
                case Q4_K -> {
                    putHalf(bytes, at, 0.0005f + 0.005f * random.nextFloat());
                    putHalf(bytes, at + 2, 0.0005f + 0.005f * random.nextFloat());
                }
                case Q6_K -> putHalf(bytes, at + 208, 0.0002f + 0.002f * random.nextFloat());
                default -> throw new IllegalArgumentException(type.toString());
            }
        }
        MemorySegment segment = MemorySegment.ofArray(bytes);
        return new Tensor(Storage.wrap(segment), type, new int[] {rows, k}, new long[] {k, 1}, 0);
    }

    private static void putHalf(byte[] bytes, int at, float value) {
        short bits = Float.floatToFloat16(value);
        bytes[at] = (byte) bits;
        bytes[at + 1] = (byte) (bits >> 8);
    }

    /** The weight decoded by the reference, row-major. */
    private static float[] decoded(Tensor w) {
        DType type = w.dtype();
        float[] out = new float[(int) w.numel()];
        QuantizedBlocks.decode(type, w.storage().segment(), 0, out.length / type.blockElements(), out, 0);
        return out;
    }

    /**
     * A row decoded in a batch gets the bits it gets alone (batched generation equals one prompt at a time), through
     * the four-row dot products and their short last tiles.
     */
    @ParameterizedTest
    @EnumSource(names = {"Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    void eachRowOfABatchGetsTheBitsOfThatRowAlone(DType type) {
        int k = 3 * type.blockElements();
        Tensor w = randomWeight(type, 9, k, 5);
        for (int m : new int[] {2, 5, 8}) {
            Tensor x = new TensorRandom(m).uniform(-1f, 1f, m, k);
            float[] batch = LinearAlgebra.linear(x, w, null).toFloatArray();
            for (int i = 0; i < m; i++) {
                float[] alone = LinearAlgebra.linear(x.narrow(0, i, 1).contiguous(), w, null).toFloatArray();
                for (int j = 0; j < alone.length; j++) {
                    assertEquals(Float.floatToRawIntBits(alone[j]), Float.floatToRawIntBits(batch[i * alone.length + j]),
                            type + " M=" + m + " row " + i + " column " + j);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    void forwardProductsMatchDecodeThenMultiply(DType type) {
        int block = type.blockElements();
        for (int[] size : new int[][] {{1, 1, 1}, {1, 7, 3}, {3, 40, 4}, {5, 33, 2}, {40, 24, 4}}) {
            int m = size[0];
            int n = size[1];
            int k = size[2] * block;
            Tensor w = randomWeight(type, n, k, 31L * n + k);
            Tensor x = new TensorRandom(m + n).uniform(-1f, 1f, m, k);
            Tensor y = LinearAlgebra.linear(x, w, null);                 // [m, n] = x @ W^T
            assertClose(decoded(w), n, k, x.toFloatArray(), m, y.toFloatArray(), type + " " + m + "x" + k + "x" + n);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"Q8_0", "Q4_K"})
    void wideWeightsSpanSeveralGemmBlocks(DType type) {
        int k = 512;                                                       // two KC blocks of depth
        int n = 4100;                                                      // two NC blocks of columns
        Tensor w = randomWeight(type, n, k, 7);
        Tensor x = new TensorRandom(3).uniform(-1f, 1f, 6, k);
        Tensor y = LinearAlgebra.linear(x, w, null);
        assertClose(decoded(w), n, k, x.toFloatArray(), 6, y.toFloatArray(), type.toString());
    }

    /** d x = d y @ W: the weight [N, K] read with its blocks along the output's columns. */
    @ParameterizedTest
    @EnumSource(names = {"Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    void inputGradientsMatchDecodeThenMultiply(DType type) {
        int k = 2 * type.blockElements();
        for (int m : new int[] {1, 9}) {
            int n = 12;
            Tensor w = randomWeight(type, n, k, 5L + m);
            Tensor g = new TensorRandom(m).uniform(-1f, 1f, m, n);
            Tensor dx = LinearAlgebra.matmul(g, w);                      // [m, k]
            float[] wt = transpose(decoded(w), n, k);
            assertClose(wt, k, n, g.toFloatArray(), m, dx.toFloatArray(), type + " gradient m=" + m);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    void decodingIsBitExact(DType type) {
        Tensor w = randomWeight(type, 3, 2 * type.blockElements(), 11);
        float[] expected = decoded(w);
        assertArrayEquals(expected, w.to(DType.F32).toFloatArray());
        float[] kernel = new float[expected.length];
        BlockKernel.of(type).decode(w.storage().segment(), 0, expected.length / type.blockElements(), kernel, 0);
        assertArrayEquals(expected, kernel);
        float[] inner = new float[20];                                     // a run inside the blocks
        QuantizedRows.read(w.storage().segment(), type, 13, 20, inner, 0);
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 13, 33), inner);
        assertArrayEquals(transpose(expected, 3, w.size(1)), w.mT().to(DType.F32).toFloatArray(), "transposed");
        Tensor rows = Indexing.embedding(w, Tensor.ofLongs(new long[] {2, 0}, 2));
        int k = w.size(1);
        float[] picked = rows.toFloatArray();
        for (int c = 0; c < k; c++) {
            assertEquals(expected[2 * k + c], picked[c]);
            assertEquals(expected[c], picked[k + c]);
        }
    }

    /** Reordering rows (the rotary permutation of a query projection) moves whole blocks. */
    @ParameterizedTest
    @EnumSource(names = {"Q8_0", "Q4_K"})
    void rowPermutationsKeepTheBlocks(DType type) {
        int k = type.blockElements();
        Tensor w = randomWeight(type, 8, k, 13);
        Tensor permuted = w.view(2, 2, 2, k).transpose(1, 2).reshape(8, k);
        assertEquals(type, permuted.dtype());
        Tensor expected = w.to(DType.F32).view(2, 2, 2, k).transpose(1, 2).reshape(8, k);
        assertArrayEquals(expected.toFloatArray(), permuted.toFloatArray());
    }

    private static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
        }
        return t;
    }

    /** y [m, n] against x [m, k] @ w^T for w [n, k] row-major, in double. */
    private static void assertClose(float[] w, int n, int k, float[] x, int m, float[] y, String what) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0;
                double scale = 0;
                double largest = 0;
                for (int p = 0; p < k; p++) largest = Math.max(largest, Math.abs(w[j * k + p]));
                for (int p = 0; p < k; p++) {
                    exact += (double) w[j * k + p] * x[i * k + p];
                    scale += (Math.abs(w[j * k + p]) + largest) * Math.abs(x[i * k + p]);
                }
                assertEquals(exact, y[i * n + j], 1e-5 * scale, what + " [" + i + ", " + j + "]");
            }
        }
    }
}
