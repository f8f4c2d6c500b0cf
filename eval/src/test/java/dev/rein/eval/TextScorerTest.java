package dev.rein.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextScorerTest {
    /** Scores a text by its length, and counts the calls of the batched form. */
    private static final class Lengths implements TextScorer {
        int batches;

        @Override
        public double score(String text) {
            return text.length();
        }

        @Override
        public double[] scoreAll(List<String> texts) {
            batches++;
            return TextScorer.super.scoreAll(texts);
        }
    }

    @Test
    void negatedScoresAreMinusTheScoresInOneBatch() {
        Lengths lengths = new Lengths();
        TextScorer negated = lengths.negated();
        assertEquals(-3, negated.score("abc"));
        assertArrayEquals(new double[] {-1, -2, 0}, negated.scoreAll(List.of("a", "ab", "")), 0);
        assertEquals(1, lengths.batches, "the scorer's own batching is used");
    }
}
