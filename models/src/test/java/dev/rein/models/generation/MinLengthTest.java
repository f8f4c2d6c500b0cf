package dev.rein.models.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class MinLengthTest {
    private static final Set<Integer> EOS = Set.of(1, 3, 99); // 99 is outside the vocabulary and ignored

    private static float[] processed(MinLength processor, TokenSequence history) {
        float[] logits = {0.5f, 0.5f, 0.5f, 0.5f};
        processor.process(history, logits);
        return logits;
    }

    @Test
    void newTokensCountOnlyWhatWasGenerated() {
        float inf = Float.NEGATIVE_INFINITY;
        MinLength twoNew = MinLength.newTokens(2, EOS);
        assertArrayEquals(new float[] {0.5f, inf, 0.5f, inf}, processed(twoNew, Histories.of(new int[] {0, 2, 2}, 0)));
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, processed(twoNew, Histories.of(new int[] {0}, 0, 2)));
    }

    @Test
    void totalTokensCountThePromptToo() {
        float inf = Float.NEGATIVE_INFINITY;
        MinLength three = MinLength.totalTokens(3, EOS);
        assertArrayEquals(new float[] {0.5f, inf, 0.5f, inf}, processed(three, Histories.of(new int[] {0}, 2)));
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, processed(three, Histories.prompt(0, 2, 2)));
    }

    @Test
    void rejectsNegativeMinimums() {
        assertThrows(IllegalArgumentException.class, () -> MinLength.newTokens(-1, EOS));
    }
}
