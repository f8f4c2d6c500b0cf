package dev.rein.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.testing.NaiveOps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Softmax and log-softmax against double precision, with masked blocks and special values. */
class CpuRowOpsTest {

    private static float[] softmax(float[] row, boolean log) {
        Tensor x = Tensor.of(row, 1, row.length);
        Tensor out = Tensor.zeros(1, row.length);
        CpuRowOps.softmaxRows(x, log, out);
        return out.toFloatArray();
    }

    private static double[] reference(float[] row, boolean log) {
        double[] x = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            x[i] = row[i];
        }
        return log ? NaiveOps.logSoftmax(x) : NaiveOps.softmax(x);
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 7, 255, 256, 257, 1000, 4096})
    void matchesTwoPassSoftmax(int n) {
        float[] row = new TensorRandom(n).uniform(-20, 20, n).toFloatArray();
        row[n - 1] = 25f; // the maximum last
        if (n > 300) {
            java.util.Arrays.fill(row, 0, 256, Float.NEGATIVE_INFINITY); // a masked prefix
        }
        for (boolean log : new boolean[] {false, true}) {
            float[] got = softmax(row, log);
            double[] want = reference(row, log);
            for (int i = 0; i < n; i++) {
                double tol = log ? 1e-5 * (1 + Math.abs(want[i])) : 1e-6 * want[i] + 1e-12;
                if (Double.isInfinite(want[i])) {
                    assertEquals(want[i], got[i]);
                } else {
                    assertEquals(want[i], got[i], tol, "log=" + log + " i=" + i);
                }
            }
        }
    }

    @Test
    void specialValuesGiveNaNAsPyTorchDoes() {
        float[] masked = new float[300];
        java.util.Arrays.fill(masked, Float.NEGATIVE_INFINITY);
        float[] withNaN = new TensorRandom(1).uniform(-1, 1, 300).toFloatArray();
        withNaN[280] = Float.NaN;
        float[] withInf = new TensorRandom(2).uniform(-1, 1, 300).toFloatArray();
        withInf[3] = Float.POSITIVE_INFINITY;
        for (float[] row : new float[][] {masked, withNaN, withInf}) {
            for (boolean log : new boolean[] {false, true}) {
                for (float v : softmax(row, log)) {
                    assertTrue(Float.isNaN(v));
                }
            }
        }
    }
}
