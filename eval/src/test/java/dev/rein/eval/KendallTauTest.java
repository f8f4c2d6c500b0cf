package dev.rein.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KendallTauTest {
    @Test
    void tauBWithTiesInBothSamplesMatchesTheTieCountingFormula() {
        // (n_c - n_d) / sqrt((n0 - n1)(n0 - n2)) with tie counts per sample, computed in plain Python (the formula
        // scipy.stats.kendalltau documents), not by the pairwise sign sum used here.
        assertEquals(0.8406728074767075, KendallTau.of(new double[] {1, 2, 2, 3, 4, 4, 4, 5},
                new double[] {2, 1, 3, 3, 5, 4, 4, 6}), 1e-12);
    }

    @Test
    void monotoneIsOneAndConstantIsUndefined() {
        assertEquals(1, KendallTau.of(new double[] {1, 2, 3, 4}, new double[] {1, 8, 27, 1000}), 1e-12);
        assertEquals(-1, KendallTau.of(new double[] {1, 2, 3}, new double[] {9, 4, 1}), 1e-12);
        assertTrue(Double.isNaN(KendallTau.of(new double[] {1, 2, 3}, new double[] {5, 5, 5})));
        assertThrows(IllegalArgumentException.class, () -> KendallTau.of(new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> KendallTau.of(new double[] {1, 2}, new double[] {1}));
    }
}
