package dev.rein.models.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** OpenAI's penalties count generated tokens only: frequency per occurrence, presence once. */
class FrequencyPenaltyTest {

    @Test
    void penalisesGeneratedTokensByCountAndPresence() {
        TokenSequence history = new TokenSequence(new int[] {0, 1});          // the prompt's tokens do not count
        history.append(2);
        history.append(2);
        history.append(3);
        float[] logits = {1f, 1f, 1f, 1f, 1f};
        new FrequencyPenalty(0.5f, 0.25f).process(history, logits);
        assertArrayEquals(new float[] {1f, 1f, 1f - 2 * 0.5f - 0.25f, 1f - 0.5f - 0.25f, 1f}, logits, 1e-6f);
    }

    @Test
    void refusesNonFiniteValues() {
        assertThrows(IllegalArgumentException.class, () -> new FrequencyPenalty(Float.NaN, 0f));
    }
}
