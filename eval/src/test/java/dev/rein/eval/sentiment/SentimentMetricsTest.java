package dev.rein.eval.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.data.stories.Sentiment;
import dev.rein.eval.MetricReport;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentimentMetricsTest {
    @Test
    void labelIsPositiveOnlyWhenPosExceedsNeg() {
        assertEquals(Sentiment.POSITIVE, new SentimentScores(0.1, 0.5, 0.4, 0.3).label());
        assertEquals(Sentiment.NEGATIVE, new SentimentScores(0.4, 0.5, 0.1, -0.3).label());
        assertEquals(Sentiment.NEGATIVE, new SentimentScores(0.2, 0.6, 0.2, 0.0).label());
        assertEquals(Sentiment.NEGATIVE, new SentimentScores(0, 0, 0, 0).label());
        assertEquals(0.3, new SentimentScores(0.1, 0.5, 0.4, 0.3).polarityMargin(), 1e-15);
    }

    @Test
    void reportsMeansAndShares() {
        List<SentimentScores> scores = List.of(new SentimentScores(0.0, 0.5, 0.5, 0.6),
                new SentimentScores(0.3, 0.4, 0.3, 0.04), new SentimentScores(0.6, 0.4, 0.0, -0.05));
        MetricReport report = SentimentMetrics.report(scores);
        assertEquals(3, report.rows());
        assertEquals((0.6 + 0.04 - 0.05) / 3, report.value("mean_compound"), 1e-15);
        assertEquals(1.0 / 3, report.value("positive_share"), 1e-15); // the tie 0.3 / 0.3 is negative
        assertEquals(1.0 / 3, report.value("compound_positive"), 1e-15);
        assertEquals(1.0 / 3, report.value("compound_negative"), 1e-15); // -0.05 itself is negative
        assertEquals(0.8 / 3, report.value("mean_pos"), 1e-15);
        assertEquals(1.3 / 3, report.value("mean_neu"), 1e-15);
        assertEquals(0.9 / 3, report.value("mean_neg"), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> SentimentMetrics.report(List.of()));
    }

    @Test
    void cieReferenceAnswersReportAsVaderSentiment332() throws IOException {
        Vader vader = Vader.load(SharedData.path("data/vader"));
        ObjectMapper json = new ObjectMapper();
        List<SentimentScores> scores = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.path("data/cie/validation.jsonl"))) {
            scores.add(vader.scores(json.readTree(line).get("answer").asText()));
        }
        MetricReport report = SentimentMetrics.report(scores);
        // the same sums over vaderSentiment 3.3.2's polarity_scores of the 1000 answers, in file order
        assertEquals(0.3826774000000007, report.value("mean_compound"), 1e-15);
        assertEquals(0.696, report.value("positive_share"), 1e-15);
        assertEquals(0.677, report.value("compound_positive"), 1e-15);
        assertEquals(0.169, report.value("compound_negative"), 1e-15);
        assertEquals(0.11383899999999997, report.value("mean_pos"), 1e-15);
        assertEquals(0.8451179999999999, report.value("mean_neu"), 1e-15);
        assertEquals(0.04104299999999997, report.value("mean_neg"), 1e-15);
    }
}
