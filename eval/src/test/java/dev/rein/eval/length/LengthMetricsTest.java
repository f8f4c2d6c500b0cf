package dev.rein.eval.length;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.eval.MetricReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthMetricsTest {
    @Test
    void exactTargetsGiveErrorExactAndWithinShares() {
        // word counts 3, 5 ("don't" is two \w+ runs), 0
        List<String> predictions = List.of("one two three", "I don't know, friend.", "...");
        List<LengthTarget> targets = List.of(new LengthTarget.Exact(3), new LengthTarget.Exact(8),
                new LengthTarget.Exact(1));
        MetricReport report = LengthMetrics.report(predictions, targets, 1, 3);
        assertEquals(8.0 / 3, report.value("mean_words"), 1e-12);
        assertEquals((0 + 3 + 1) / 3.0, report.value("mean_absolute_error"), 1e-12);
        assertEquals(1.0 / 3, report.value("exact"), 1e-12);
        assertEquals(2.0 / 3, report.value("within_1"), 1e-12);
        assertEquals(1.0, report.value("within_3"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> report.value("in_range"));
    }

    @Test
    void rangeTargetsCountInsideAndDistanceOutside() {
        List<String> predictions = List.of("a b c", "a", "a b c d e f g");
        List<LengthTarget> targets = List.of(new LengthTarget.Range(2, 4), new LengthTarget.Range(2, 4),
                new LengthTarget.Range(2, 4));
        MetricReport report = LengthMetrics.report(predictions, targets);
        assertEquals(1.0 / 3, report.value("in_range"), 1e-12);
        assertEquals((0 + 1 + 3) / 3.0, report.value("mean_range_distance"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> report.value("exact"));
    }

    @Test
    void refusesMismatchedListsAndBadTargets() {
        assertThrows(IllegalArgumentException.class,
                () -> LengthMetrics.report(List.of("a"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LengthTarget.Range(5, 4));
        assertThrows(IllegalArgumentException.class, () -> new LengthTarget.Exact(-1));
    }
}
