package dev.rein.models.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Expected values from Hugging Face's TypicalLogitsWarper run in torch. For these logits the entropy is 1.1478 and
 * the tokens ranked by |surprisal - entropy| are 0, 5, 1, 2, 4, 3 with cumulative probabilities 0.222, 0.827,
 * 0.909, 0.959, 0.989, 1.
 */
class TypicalPTest {
    private static final float INF = Float.NEGATIVE_INFINITY;

    private static float[] processed(double mass, float... logits) {
        new TypicalP(mass).process(Histories.EMPTY, logits);
        return logits;
    }

    @Test
    void keepsTheTokensClosestToTheEntropyUntilTheirMassIsReached() {
        assertArrayEquals(new float[] {2, INF, INF, INF, INF, INF}, processed(0.2, 2, 1, 0.5f, -1, 0, 3));
        assertArrayEquals(new float[] {2, INF, INF, INF, INF, 3}, processed(0.5, 2, 1, 0.5f, -1, 0, 3));
        assertArrayEquals(new float[] {2, 1, INF, INF, INF, 3}, processed(0.9, 2, 1, 0.5f, -1, 0, 3));
    }

    @Test
    void forbiddenTokensTakeNoPart() {
        assertArrayEquals(new float[] {2, INF, INF, INF, INF, INF, 3}, processed(0.5, 2, 1, INF, 0.5f, -1, 0, 3));
        assertArrayEquals(new float[] {INF, 4}, processed(0.5, INF, 4));
    }

    @Test
    void massOfOneChangesNothing() {
        assertArrayEquals(new float[] {2, 1, -30}, processed(1, 2, 1, -30));
    }

    @Test
    void rejectsMassOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new TypicalP(0));
        assertThrows(IllegalArgumentException.class, () -> new TypicalP(1.01));
    }
}
