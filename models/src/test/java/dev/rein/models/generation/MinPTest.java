package dev.rein.models.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected values from Hugging Face's MinPLogitsWarper run in torch. */
class MinPTest {
    private static final float INF = Float.NEGATIVE_INFINITY;
    /** The float32 logs of probabilities 0.5, 0.3, 0.15 and 0.05. */
    private static final float[] LOGITS = {-0.6931471824645996f, -1.2039728164672852f, -1.8971199989318848f,
            -2.995732307434082f};

    private static float[] processed(double minP, float... logits) {
        new MinP(minP).process(Histories.EMPTY, logits);
        return logits;
    }

    @Test
    void forbidsTokensBelowMinPTimesTheTopProbability() {
        assertArrayEquals(new float[] {LOGITS[0], LOGITS[1], LOGITS[2], INF}, processed(0.2, LOGITS.clone()));
        assertArrayEquals(new float[] {LOGITS[0], LOGITS[1], INF, INF}, processed(0.5, LOGITS.clone()));
    }

    @Test
    void keepsTheTopTokenAndTiesWithItEvenAtOne() {
        assertArrayEquals(new float[] {INF, 3, 3, INF}, processed(1.0, 1, 3, 3, INF));
    }

    @Test
    void zeroChangesNothing() {
        assertArrayEquals(new float[] {0, -2000}, processed(0, 0, -2000));
    }

    @Test
    void rejectsValuesOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new MinP(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new MinP(1.1));
    }
}
