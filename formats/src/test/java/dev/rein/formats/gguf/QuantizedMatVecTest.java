package dev.rein.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.tensor.cpu.QuantizedMatVec;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Q8_0 and Q4_0 matrix-vector kernel, reading the blocks directly, against decoding the rows to F32 (ggml's
 * definitions, {@link Dequantization}) and taking the products in double.
 */
class QuantizedMatVecTest {
    @ParameterizedTest
    @ValueSource(strings = {"Q8_0", "Q4_0"})
    void matchesDecodeThenMultiply(String typeName) {
        GgufTensorType type = GgufTensorType.valueOf(typeName);
        Random random = new Random(22);
        for (int[] size : new int[][] {{1, 32}, {7, 96}, {64, 256}, {300, 1024}}) {
            int rows = size[0];
            int k = size[1];
            float[] weights = GgufFiles.random(rows * 31L + k, rows * k);
            byte[] blocks = Quantization.encode(type, weights);
            float[] x = new float[k];
            for (int j = 0; j < k; j++) x[j] = (float) random.nextGaussian();
            float[] y = new float[rows];
            MemorySegment segment = MemorySegment.ofArray(blocks);
            if (type == GgufTensorType.Q8_0) {
                QuantizedMatVec.q8_0(segment, rows, x, y);
            } else {
                QuantizedMatVec.q4_0(segment, rows, x, y);
            }
            float[] decoded = new float[rows * k];
            Dequantization.decode(type, segment, decoded);
            for (int r = 0; r < rows; r++) {
                double expected = 0;
                double magnitude = 0;
                for (int j = 0; j < k; j++) {
                    expected += (double) decoded[r * k + j] * x[j];
                    magnitude += Math.abs((double) decoded[r * k + j] * x[j]);
                }
                assertEquals(expected, y[r], 1e-5 * magnitude + 1e-30, type + " " + rows + "x" + k + " row " + r);
            }
        }
    }
}
