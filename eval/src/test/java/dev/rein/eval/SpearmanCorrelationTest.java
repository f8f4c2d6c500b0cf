package dev.rein.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpearmanCorrelationTest {
    @Test
    void tiesShareTheAverageOfTheirRanks() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4, 6, 7, 5},
                SpearmanCorrelation.ranks(new double[] {10, 20, 20, 30, 50, 80, 40}));
        assertArrayEquals(new double[] {3, 1, 5, 5, 5, 7, 2},
                SpearmanCorrelation.ranks(new double[] {3, 1, 4, 4, 4, 9, 2}));
    }

    @Test
    void equalsPearsonOfAverageRanksComputedByHand() {
        // Ranks as above; around their means (4 each) sum dx*dy = 15, sum dx^2 = 27.5, sum dy^2 = 26, so
        // rho = 15 / sqrt(715) (exact fractions in Python; scipy.stats.spearmanr defines rho the same way).
        double rho = SpearmanCorrelation.of(new double[] {10, 20, 20, 30, 50, 80, 40},
                new double[] {3, 1, 4, 4, 4, 9, 2});
        assertEquals(15 / Math.sqrt(715), rho, 1e-12);
        assertEquals(0.5609681940050742, rho, 1e-12);
    }

    @Test
    void monotoneIsOneWhateverTheScaleAndConstantIsUndefined() {
        assertEquals(1, SpearmanCorrelation.of(new double[] {1, 2, 3, 4}, new double[] {1, 8, 27, 1000}), 1e-12);
        assertEquals(-1, SpearmanCorrelation.of(new double[] {1, 2, 3}, new double[] {9, 4, 1}), 1e-12);
        assertTrue(Double.isNaN(SpearmanCorrelation.of(new double[] {1, 2, 3}, new double[] {5, 5, 5})));
        assertThrows(IllegalArgumentException.class, () -> SpearmanCorrelation.of(new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> SpearmanCorrelation.of(new double[] {1, 2}, new double[] {1, 2, 3}));
    }
}
