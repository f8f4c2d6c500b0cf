package dev.rein.tensor.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.Tensor;

/** Assertions on whole tensors shared by the tests of every module. */
public final class TensorAssertions {
    private TensorAssertions() {
    }

    /** Same shape, and no element further than {@code tolerance} from the expected one. */
    public static void assertClose(Tensor expected, Tensor actual, float tolerance) {
        assertArrayEquals(expected.shape(), actual.shape());
        float diff = maxAbsDiff(expected, actual);
        assertTrue(diff <= tolerance, "max |difference| " + diff + " > " + tolerance);
    }

    /** The largest absolute difference between elements of two tensors of the same size. */
    public static float maxAbsDiff(Tensor a, Tensor b) {
        float[] x = a.contiguous().toFloatArray();
        float[] y = b.contiguous().toFloatArray();
        float max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }
}
