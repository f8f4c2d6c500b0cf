package dev.rein.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpreadTest {
    @Test
    void medianAndRangeOfOddAndEvenCounts() {
        Spread odd = Spread.of(3, 1, 2);
        assertEquals(2, odd.median());
        assertEquals(1, odd.min());
        assertEquals(3, odd.max());
        assertEquals(3, odd.count());
        assertEquals(2.5, Spread.of(4, 1, 2, 3).median());
    }

    @Test
    void trustworthyOnlyWithinTenPercent() {
        assertTrue(Spread.of(95, 100, 105).trustworthy());
        assertEquals(0.05, Spread.of(95, 100, 105).halfRange(), 1e-12);
        assertFalse(Spread.of(80, 100, 105).trustworthy());
    }

    @Test
    void reciprocalSwapsTheEnds() {
        Spread seconds = Spread.of(0.5, 0.25, 1.0);
        Spread rate = seconds.reciprocal().times(10);
        assertEquals(20, rate.median(), 1e-12);
        assertEquals(10, rate.min(), 1e-12);
        assertEquals(40, rate.max(), 1e-12);
    }
}
