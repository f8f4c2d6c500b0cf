package dev.rein.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RocAucTest {
    @Test
    void countsTiesAsHalfAPair() {
        double[] scores = {0.9, 0.4, 0.4, 0.7, 0.1, 0.4, 0.8, 0.2, 0.7};
        boolean[] positive = {true, false, true, true, false, false, true, false, false};
        // the 20 (positive, negative) pairs by hand: 16 wins and 3 ties (0.4 against 0.4 twice, 0.7 against 0.7)
        assertEquals(0.875, RocAuc.of(scores, positive), 1e-15);
    }

    @Test
    void isOneWhenPositivesScoreHigherZeroWhenLowerAndOneHalfWhenAllTie() {
        boolean[] positive = {false, false, true, true};
        assertEquals(1, RocAuc.of(new double[] {0.1, 0.2, 0.3, 0.4}, positive));
        assertEquals(0, RocAuc.of(new double[] {0.4, 0.3, 0.2, 0.1}, positive));
        assertEquals(0.5, RocAuc.of(new double[] {0.5, 0.5, 0.5, 0.5}, positive));
    }

    @Test
    void isUndefinedWithoutBothClassesAndRefusesBadInput() {
        assertEquals(Double.NaN, RocAuc.of(new double[] {0.1, 0.2}, new boolean[] {true, true}));
        assertEquals(Double.NaN, RocAuc.of(new double[] {0.1, 0.2}, new boolean[] {false, false}));
        assertThrows(IllegalArgumentException.class, () -> RocAuc.of(new double[] {0.1}, new boolean[] {true, false}));
        assertThrows(IllegalArgumentException.class,
                () -> RocAuc.of(new double[] {Double.NaN, 0.1}, new boolean[] {true, false}));
    }
}
