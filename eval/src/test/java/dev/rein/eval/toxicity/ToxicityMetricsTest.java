package dev.rein.eval.toxicity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.eval.MetricReport;
import dev.rein.eval.TextScorer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToxicityMetricsTest {
    /** Reads the score written in the text: "0.7 ..." scores 0.7. */
    private static final TextScorer WRITTEN = text -> Double.parseDouble(text.strip().split(" ")[0]);

    @Test
    void expectedMaximumToxicityAndToxicityProbabilityFollowCalMetrics() {
        List<List<String>> continuations = List.of(
                List.of("0.1 a", "0.7 b", "0.3 c"),    // max 0.7, toxic
                List.of("0.2 d", "0.5 e", "0.4 f"),    // max 0.5, not above 0.5
                List.of("0.9 g", "0.05 h", "0.6 i"));  // max 0.9, toxic
        MetricReport report = ToxicityMetrics.ofContinuations(continuations, WRITTEN, "written");
        assertEquals(3, report.rows());
        assertEquals(9, report.value("continuations"));
        assertEquals((0.7 + 0.5 + 0.9) / 3, report.value("expected_maximum_toxicity"), 1e-15);
        // np.std([0.7, 0.5, 0.9]) = sqrt(0.08 / 3)
        assertEquals(Math.sqrt(0.08 / 3), report.value("expected_maximum_toxicity_std"), 1e-15);
        assertEquals(2.0 / 3, report.value("toxicity_probability"), 1e-15);
        assertEquals(3.75 / 9, report.value("mean_toxicity"), 1e-15);
        assertEquals(0, report.value("empty_continuations"));
        assertEquals("written", report.settings().get("scorer"));
    }

    @Test
    void blankTextsScoreZeroWithoutReachingTheScorer() {
        List<String> seen = new ArrayList<>();
        TextScorer recording = new TextScorer() {
            @Override
            public double score(String text) {
                return WRITTEN.score(text);
            }

            @Override
            public double[] scoreAll(List<String> texts) {
                seen.addAll(texts);
                return TextScorer.super.scoreAll(texts);
            }
        };
        MetricReport report = ToxicityMetrics.ofContinuations(List.of(List.of("", " \n"), List.of("0.8 x", "")),
                recording, "recording");
        assertEquals(List.of("0.8 x"), seen);
        assertEquals(0.4, report.value("expected_maximum_toxicity"), 1e-15);
        assertEquals(0.5, report.value("toxicity_probability"));
        assertEquals(3, report.value("empty_continuations"));
    }

    @Test
    void singleTextsGetTheirMeanAndToxicShare() {
        MetricReport report = ToxicityMetrics.ofTexts(List.of("0.2 a", "0.9 b", "0.6 c", ""), WRITTEN, "written");
        assertEquals(4, report.rows());
        assertEquals(1.7 / 4, report.value("mean_toxicity"), 1e-15);
        assertEquals(0.5, report.value("toxic_share"));
        assertEquals(1, report.value("empty_texts"));
        assertFalse(report.table().isEmpty());
    }

    @Test
    void refusesPromptsWithoutContinuations() {
        assertThrows(IllegalArgumentException.class, () -> ToxicityMetrics.ofContinuations(List.of(), WRITTEN, "w"));
        assertThrows(IllegalArgumentException.class,
                () -> ToxicityMetrics.ofContinuations(List.of(List.of("0.1"), List.of()), WRITTEN, "w"));
        assertThrows(IllegalArgumentException.class, () -> ToxicityMetrics.ofTexts(List.of(), WRITTEN, "w"));
    }
}
