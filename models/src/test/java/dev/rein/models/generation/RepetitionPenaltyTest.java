package dev.rein.models.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected values from Hugging Face's RepetitionPenaltyLogitsProcessor run in torch (float32). */
class RepetitionPenaltyTest {
    private static final float[] LOGITS = {1.5f, -2.0f, 0.5f, 3.0f, -0.25f, 0.0f};
    // Prompt 0 1, generated 1 4 5: token 1 occurs twice but is penalised once.
    private static final TokenSequence HISTORY = Histories.of(new int[] {0, 1}, 1, 4, 5);

    @Test
    void dividesPositiveAndMultipliesNegativeLogitsOfTokensInTheHistoryPromptIncluded() {
        float[] logits = LOGITS.clone();
        new RepetitionPenalty(1.3f).process(HISTORY, logits);
        assertArrayEquals(new float[] {1.1538461446762085f, -2.5999999046325684f, 0.5f, 3.0f,
                -0.32499998807907104f, 0.0f}, logits);
    }

    @Test
    void aPenaltyBelowOneRewardsRepetition() {
        float[] logits = LOGITS.clone();
        new RepetitionPenalty(0.5f).process(HISTORY, logits);
        assertArrayEquals(new float[] {3.0f, -1.0f, 0.5f, 3.0f, -0.125f, 0.0f}, logits);
    }

    @Test
    void rejectsInvalidPenaltiesAndIdsOutsideTheVocabulary() {
        assertThrows(IllegalArgumentException.class, () -> new RepetitionPenalty(0));
        assertThrows(IllegalArgumentException.class, () -> new RepetitionPenalty(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new RepetitionPenalty(Float.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class,
                () -> new RepetitionPenalty(1.3f).process(Histories.prompt(6), LOGITS.clone()));
    }
}
