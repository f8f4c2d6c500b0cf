package dev.rein.eval.diversity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DistinctNTest {
    private static final List<List<String>> TEXTS = List.of(List.of("a", "b", "a"), List.of("a", "c"));

    @Test
    void overTheSetCountsEachNGramOnceAcrossTexts() {
        assertEquals(OptionalDouble.of(3.0 / 5), DistinctN.overSet(TEXTS, 1)); // a b a a c
        assertEquals(OptionalDouble.of(1.0), DistinctN.overSet(TEXTS, 2)); // ab ba ac
        assertEquals(OptionalDouble.of(1.0), DistinctN.overSet(TEXTS, 3)); // aba
        assertEquals(OptionalDouble.empty(), DistinctN.overSet(TEXTS, 4));
        assertEquals(OptionalDouble.of(1.0 / 2), DistinctN.overSet(List.of(List.of("x"), List.of("x")), 1));
    }

    @Test
    void perTextMeanSkipsTextsShorterThanN() {
        assertEquals((2.0 / 3 + 1) / 2, DistinctN.meanPerText(TEXTS, 1).orElseThrow(), 1e-12);
        assertEquals(1.0, DistinctN.meanPerText(TEXTS, 2).orElseThrow(), 1e-12);
        assertEquals(OptionalDouble.empty(), DistinctN.meanPerText(TEXTS, 4));
        assertEquals(1.0, DistinctN.meanPerText(List.of(List.of("x"), List.of("x")), 1).orElseThrow(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> DistinctN.overSet(TEXTS, 0));
    }
}
