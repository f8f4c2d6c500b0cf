package dev.rein.models.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Forbidden ids checked against Hugging Face's NoRepeatNGramLogitsProcessor run in torch. */
class NoRepeatNGramTest {
    private static final int VOCABULARY = 6;

    private static int[] forbidden(int n, TokenSequence history) {
        float[] logits = new float[VOCABULARY];
        new NoRepeatNGram(n).process(history, logits);
        return IntStream.range(0, VOCABULARY).filter(id -> logits[id] == Float.NEGATIVE_INFINITY).toArray();
    }

    @Test
    void unigramsForbidEveryTokenAlreadyInTheSequencePromptIncluded() {
        assertArrayEquals(new int[] {1, 3}, forbidden(1, Histories.of(new int[] {3, 1}, 3)));
    }

    @Test
    void trigramsForbidWhatFollowedEachEarlierOccurrenceOfTheLastTwoTokens() {
        assertArrayEquals(new int[] {3}, forbidden(3, Histories.of(new int[] {1, 2, 3}, 1, 2)));
        assertArrayEquals(new int[] {3, 4}, forbidden(3, Histories.of(new int[] {1, 2, 3, 1, 2}, 4, 1, 2)));
    }

    @Test
    void bigramsIncludeOverlappingRepeats() {
        assertArrayEquals(new int[] {5}, forbidden(2, Histories.prompt(5, 5, 5)));
        assertArrayEquals(new int[] {2}, forbidden(2, Histories.prompt(1, 2, 1)));
    }

    @Test
    void aHistoryShorterThanTheNGramForbidsNothing() {
        assertArrayEquals(new int[] {}, forbidden(3, Histories.prompt(1, 2)));
        assertArrayEquals(new int[] {}, forbidden(1, Histories.EMPTY));
    }

    @Test
    void rejectsSizesBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new NoRepeatNGram(0));
    }
}
