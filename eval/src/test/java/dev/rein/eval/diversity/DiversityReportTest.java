package dev.rein.eval.diversity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.eval.MetricReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiversityReportTest {
    @Test
    void averagesPerResponseValuesAfterTheCut() {
        // tokens: [a b a b a] and, cut at ###USER:, [x y]
        MetricReport report = DiversityReport.of(List.of("a b a b a", "x y###USER: y x"));
        assertEquals(2, report.rows());
        assertEquals((60 + 50) / 2.0, report.value("rep_2"), 1e-12);
        assertEquals((50 + 100) / 2.0, report.value("rep_3"), 1e-12);
        assertEquals((100 * (1 - 2.0 / 3) + 100) / 2, report.value("rep_4"), 1e-12);
        assertEquals(((1 - 0.6) * (1 - 0.5) * (1 - 1.0 / 3) + 0) / 2, report.value("diversity"), 1e-12);
        assertEquals((9 + 3) / 2.0, report.value("response_length"), 1e-12);
        assertEquals(4.0 / 7, report.value("distinct_1"), 1e-12);
        assertEquals((2.0 / 5 + 1) / 2, report.value("mean_distinct_1"), 1e-12);
        assertEquals(3.0 / 5, report.value("distinct_2"), 1e-12);
        assertEquals((2.0 / 4 + 1) / 2, report.value("mean_distinct_2"), 1e-12);
        assertEquals(2.0 / 3, report.value("distinct_3"), 1e-12);
        assertEquals(2.0 / 3, report.value("mean_distinct_3"), 1e-12);
    }

    @Test
    void countsNGramsOfNltkTokens() {
        // I do n't know . I do n't know . : 9 bigrams, 5 unique
        MetricReport report = DiversityReport.of(List.of("I don't know. I don't know."));
        assertEquals(100 * (1 - 5.0 / 10), report.value("rep_2"), 1e-12);
        assertEquals(5.0 / 10, report.value("distinct_1"), 1e-12);
    }

    @Test
    void leavesOutDistinctValuesNoResponseIsLongEnoughFor() {
        MetricReport report = DiversityReport.of(List.of("###USER: nothing left", "one"));
        assertEquals(100, report.value("rep_2"), 0);
        assertEquals(0, report.value("diversity"), 0);
        assertEquals((1 + 3) / 2.0, report.value("response_length"), 0); // an empty cut counts as " "
        assertEquals(1, report.value("distinct_1"), 0);
        assertThrows(IllegalArgumentException.class, () -> report.value("distinct_2"));
        assertThrows(IllegalArgumentException.class, () -> DiversityReport.of(List.of()));
    }
}
