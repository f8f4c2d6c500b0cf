package dev.rein.models.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected values from Hugging Face's TopKLogitsWarper run in torch. */
class TopKTest {
    private static final float INF = Float.NEGATIVE_INFINITY;

    private static float[] processed(int k, float... logits) {
        new TopK(k).process(Histories.EMPTY, logits);
        return logits;
    }

    @Test
    void keepsEveryTokenTiedWithTheKthHighest() {
        assertArrayEquals(new float[] {INF, 3, 3, INF, 3}, processed(2, 1, 3, 3, 2, 3));
        assertArrayEquals(new float[] {INF, 5, INF, 4}, processed(2, 1, 5, 2, 4));
    }

    @Test
    void forbidsNothingWhenTheKthHighestIsAlreadyForbidden() {
        assertArrayEquals(new float[] {INF, INF, 1, 2}, processed(3, INF, INF, 1, 2));
    }

    @Test
    void zeroAndKAtLeastTheVocabularyKeepEverything() {
        assertArrayEquals(new float[] {1, 5, 2}, processed(0, 1, 5, 2));
        assertArrayEquals(new float[] {1, 5, 2}, processed(3, 1, 5, 2));
        assertArrayEquals(new float[] {1, 5, 2}, processed(50, 1, 5, 2));
    }

    @Test
    void rejectsNegativeK() {
        assertThrows(IllegalArgumentException.class, () -> new TopK(-1));
    }
}
