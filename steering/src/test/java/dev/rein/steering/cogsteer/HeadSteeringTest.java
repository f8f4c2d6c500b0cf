package dev.rein.steering.cogsteer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link HeadSteering}: a' = a − (1 + ‖δ‖)^p·δ per head at the last position, computed by hand; renormalised, each
 * row keeps its norm over (heads, d_h); earlier positions are left alone.
 */
class HeadSteeringTest {
    // [B=2, H=2, T=2, D=2]
    private static final float[] BASE = {1, 0, 3, 4, 0, 2, 1, 1, 5, 5, -1, 2, 0, 0, 2, -2};
    private static final float[] ADAPTED = {9, 9, 3, 7, 9, 9, 1, 1, 9, 9, 0, 2, 9, 9, 2, -1};

    @Test
    void theLastPositionMovesAwayFromTheAdapterScaledByItsDistance() {
        float[] edited = HeadSteering.steer(Tensor.of(BASE, 2, 2, 2, 2), Tensor.of(ADAPTED, 2, 2, 2, 2),
                SteeringSettings.defaults()).toFloatArray();
        // row 0, head 0, last position: a (3, 4), delta (0, 3), s = 4^0.4
        double s = Math.pow(4, 0.4);
        assertEquals(3, edited[2], 1e-5);
        assertEquals(4 - 3 * s, edited[3], 1e-5);
        // row 0, head 1: delta 0 leaves it
        assertEquals(1, edited[6], 1e-6);
        assertEquals(1, edited[7], 1e-6);
        // row 1, head 0: a (-1, 2), delta (1, 0), s = 2^0.4
        assertEquals(-1 - Math.pow(2, 0.4), edited[10], 1e-5);
        assertArrayEquals(new float[] {1, 0}, new float[] {edited[0], edited[1]}, "earlier positions are kept");
        assertArrayEquals(new float[] {5, 5}, new float[] {edited[8], edited[9]});
    }

    @Test
    void renormalisedEachRowKeepsItsNormOverHeadsAndWidth() {
        float[] edited = HeadSteering.steer(Tensor.of(BASE, 2, 2, 2, 2), Tensor.of(ADAPTED, 2, 2, 2, 2),
                SteeringSettings.defaults().withNormExponent(1).withNorm(SteeringSettings.Norm.RENORMALISED))
                .toFloatArray();
        for (int row = 0; row < 2; row++) {
            assertEquals(lastNorm(BASE, row), lastNorm(edited, row), 1e-4, "row " + row);
        }
        float[] plain = HeadSteering.steer(Tensor.of(BASE, 2, 2, 2, 2), Tensor.of(ADAPTED, 2, 2, 2, 2),
                SteeringSettings.defaults().withNormExponent(1)).toFloatArray();
        double ratio = edited[3] / (double) plain[3];
        assertEquals(ratio, edited[7] / (double) plain[7], 1e-5, "one factor over the row's heads");
    }

    /** The norm over (heads, d_h) of row {@code row}'s last position. */
    private static double lastNorm(float[] values, int row) {
        double sum = 0;
        for (int head = 0; head < 2; head++) {
            int at = ((row * 2 + head) * 2 + 1) * 2;
            sum += values[at] * values[at] + values[at + 1] * values[at + 1];
        }
        return Math.sqrt(sum);
    }
}
