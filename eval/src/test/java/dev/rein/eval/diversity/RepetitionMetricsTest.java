package dev.rein.eval.diversity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepetitionMetricsTest {
    private static final List<String> ABABA = List.of("a", "b", "a", "b", "a");

    @Test
    void repNCountsUniqueNGramsAgainstNGramsPlusOne() {
        // bigrams ab ba ab ba: 2 unique of 4; trigrams aba bab aba: 2 of 3; 4-grams abab baba: 2 of 2
        assertEquals(100 * (1 - 2.0 / 5), RepetitionMetrics.repN(ABABA, 2), 1e-12);
        assertEquals(100 * (1 - 2.0 / 4), RepetitionMetrics.repN(ABABA, 3), 1e-12);
        assertEquals(100 * (1 - 2.0 / 3), RepetitionMetrics.repN(ABABA, 4), 1e-12);
        // one n-gram still scores 50, and no n-gram 100: the original's + 1
        assertEquals(50, RepetitionMetrics.repN(List.of("x", "y"), 2), 1e-12);
        assertEquals(100, RepetitionMetrics.repN(List.of("x", "y"), 3), 1e-12);
        // case is kept: The cat, cat the and the cat are 3 different bigrams (lowercased, 2)
        assertEquals(100 * (1 - 3.0 / 4), RepetitionMetrics.repN(List.of("The", "cat", "the", "cat"), 2), 1e-12);
    }

    @Test
    void diversityMultipliesOneMinusRepNForTwoToFour() {
        assertEquals((1 - 0.6) * (1 - 0.5) * (1 - 1.0 / 3), RepetitionMetrics.diversity(ABABA), 1e-12);
        assertEquals(0, RepetitionMetrics.diversity(List.of()), 0);
        assertEquals(0, RepetitionMetrics.diversity(List.of("x", "y", "z")), 0);
    }

    @Test
    void responsesAreCutAtTheNextUserTurn() {
        assertEquals("Hi there ", RepetitionMetrics.cutAtNextTurn("Hi there ###USER: more"));
        assertEquals("A", RepetitionMetrics.cutAtNextTurn("A\n\nUSER: b###USER: c"));
        assertEquals("Sure.\nUSER: stays", RepetitionMetrics.cutAtNextTurn("Sure.\nUSER: stays"));
        assertEquals(" ", RepetitionMetrics.cutAtNextTurn("###USER: all cut"));
        assertEquals(" ", RepetitionMetrics.cutAtNextTurn(""));
    }
}
