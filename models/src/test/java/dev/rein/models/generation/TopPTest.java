package dev.rein.models.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected values from Hugging Face's TopPLogitsWarper run in torch. */
class TopPTest {
    private static final float INF = Float.NEGATIVE_INFINITY;
    /** The float32 logs of probabilities 0.05, 0.15, 0.3 and 0.5. */
    private static final float[] LOGITS = {-2.995732307434082f, -1.8971199989318848f, -1.2039728164672852f,
            -0.6931471824645996f};

    private static float[] processed(double p, float... logits) {
        new TopP(p).process(Histories.EMPTY, logits);
        return logits;
    }

    @Test
    void keepsTheSmallestSetOfLikelyTokensReachingP() {
        // Ascending: 0.05 and 0.2 cumulated stay at most 1 - 0.75, 0.5 goes past it.
        assertArrayEquals(new float[] {INF, INF, LOGITS[2], LOGITS[3]}, processed(0.75, LOGITS.clone()));
        assertArrayEquals(new float[] {INF, INF, INF, LOGITS[3]}, processed(0.3, LOGITS.clone()));
    }

    @Test
    void alwaysKeepsTheMostLikelyToken() {
        assertArrayEquals(new float[] {INF, INF, INF, LOGITS[3]}, processed(1e-9, LOGITS.clone()));
    }

    @Test
    void tiedTokensWithLowerIdsGoFirst() {
        assertArrayEquals(new float[] {INF, INF, 0, 0}, processed(0.5, 0, 0, 0, 0));
    }

    @Test
    void forbiddenTokensStayForbiddenAndALoneAllowedTokenStays() {
        assertArrayEquals(new float[] {INF, 2, INF}, processed(0.1, INF, 2, INF));
        float[] withForbidden = {INF, LOGITS[0], LOGITS[1], INF, LOGITS[2], LOGITS[3]};
        assertArrayEquals(new float[] {INF, INF, INF, INF, LOGITS[2], LOGITS[3]}, processed(0.75, withForbidden));
    }

    @Test
    void pOfOneChangesNothing() {
        float[] farBelow = {0, -200, -2000};
        assertArrayEquals(new float[] {0, -200, -2000}, processed(1.0, farBelow));
    }

    @Test
    void rejectsPOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new TopP(0));
        assertThrows(IllegalArgumentException.class, () -> new TopP(1.5));
        assertThrows(IllegalArgumentException.class, () -> new TopP(Double.NaN));
    }
}
