package dev.rein.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PearsonCorrelationTest {
    @Test
    void equalsNumpysCorrcoef() {
        double[] x = {0.1, 0.4, 0.35, 0.8, 0.7, 0.2, 0.9, 0.5};
        double[] y = {0.0, 0.5, 0.3, 0.9, 0.4, 0.1, 1.0, 0.6};
        assertEquals(0.9168623966786495, PearsonCorrelation.of(x, y), 1e-15);   // numpy.corrcoef(x, y)[0, 1]
    }

    @Test
    void isOneForAnIncreasingLinearMapAndMinusOneForADecreasingOne() {
        double[] x = {1, 2, 3, 5, 8};
        assertEquals(1, PearsonCorrelation.of(x, new double[] {3, 5, 7, 11, 17}), 1e-15);
        assertEquals(-1, PearsonCorrelation.of(x, new double[] {-1, -2, -3, -5, -8}), 1e-15);
    }

    @Test
    void isUndefinedForAConstantSampleAndRefusesUnpairedOnes() {
        assertEquals(Double.NaN, PearsonCorrelation.of(new double[] {1, 2, 3}, new double[] {4, 4, 4}));
        assertThrows(IllegalArgumentException.class,
                () -> PearsonCorrelation.of(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> PearsonCorrelation.of(new double[] {1}, new double[] {1}));
    }
}
