package dev.rein.models.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class TokenChoiceTest {
    private static final float INF = Float.NEGATIVE_INFINITY;
    /** The float32 logs of probabilities 0.1, 0.2, 0.3 and 0.4. */
    private static final float[] LOGITS = {-2.3025851249694824f, -1.6094379425048828f, -1.2039728164672852f,
            -0.9162907004356384f};

    /** A generator whose nextDouble is always {@code value}. */
    private static RandomGenerator always(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void greedyTakesTheLowestIdAmongTheHighest() {
        assertEquals(1, TokenChoice.greedy(new float[] {1, 3, 3, 2}));
        assertEquals(2, TokenChoice.greedy(new float[] {INF, INF, -5}));
    }

    @Test
    void aDrawTakesTheFirstIdWhoseCumulativeProbabilityExceedsTheUniformValue() {
        // Cumulative probabilities 0.1, 0.3, 0.6, 1.
        assertEquals(0, TokenChoice.sample(LOGITS, always(0.0)));
        assertEquals(0, TokenChoice.sample(LOGITS, always(0.05)));
        assertEquals(1, TokenChoice.sample(LOGITS, always(0.25)));
        assertEquals(2, TokenChoice.sample(LOGITS, always(0.35)));
        assertEquals(3, TokenChoice.sample(LOGITS, always(0.65)));
        assertEquals(3, TokenChoice.sample(LOGITS, always(Math.nextDown(1.0))));
    }

    @Test
    void forbiddenTokensAreNeverDrawn() {
        float[] logits = {INF, 0, INF, 0, INF};
        assertEquals(1, TokenChoice.sample(logits, always(0.0)));
        assertEquals(3, TokenChoice.sample(logits, always(0.5)));
        assertEquals(3, TokenChoice.sample(logits, always(Math.nextDown(1.0))));
    }

    @Test
    void aLoneAllowedTokenIsAlwaysChosen() {
        float[] logits = {INF, INF, 7, INF};
        assertEquals(2, TokenChoice.greedy(logits));
        for (double u : new double[] {0, 0.5, Math.nextDown(1.0)}) {
            assertEquals(2, TokenChoice.sample(logits, always(u)));
        }
    }

    @Test
    void refusesWhenEveryTokenIsForbiddenOrALogitIsNaN() {
        float[] allForbidden = {INF, INF};
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> TokenChoice.greedy(allForbidden));
        assertTrue(none.getMessage().contains("forbade them all"), none.getMessage());
        assertThrows(IllegalStateException.class, () -> TokenChoice.sample(allForbidden, always(0.5)));
        IllegalStateException nan = assertThrows(IllegalStateException.class,
                () -> TokenChoice.greedy(new float[] {0, Float.NaN}));
        assertEquals("the logit of token 1 is NaN", nan.getMessage());
        assertThrows(IllegalStateException.class,
                () -> TokenChoice.sample(new float[] {0, Float.POSITIVE_INFINITY}, always(0.5)));
    }
}
