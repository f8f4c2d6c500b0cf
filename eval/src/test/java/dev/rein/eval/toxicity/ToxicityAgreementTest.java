package dev.rein.eval.toxicity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.eval.MetricReport;
import dev.rein.eval.PearsonCorrelation;
import dev.rein.eval.RocAuc;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToxicityAgreementTest {
    private static final List<ToxicityExample> EXAMPLES = List.of(
            new ToxicityExample("a", 0.9, ToxicityExample.Part.PROMPT),
            new ToxicityExample("b", 0.7, ToxicityExample.Part.PROMPT),
            new ToxicityExample("c", 0.2, ToxicityExample.Part.CONTINUATION),
            new ToxicityExample("d", 0.6, ToxicityExample.Part.CONTINUATION),
            new ToxicityExample("e", 0.1, ToxicityExample.Part.CONTINUATION));
    private static final double[] SCORES = {0.8, 0.4, 0.3, 0.5, 0.35};

    @Test
    void reportsPearsonAndAucOverallAndPerPart() {
        MetricReport report = ToxicityAgreement.report("test", EXAMPLES, SCORES);
        assertEquals(5, report.rows());
        assertEquals(PearsonCorrelation.of(SCORES, new double[] {0.9, 0.7, 0.2, 0.6, 0.1}), report.value("pearson"));
        assertEquals(1.0, report.value("roc_auc"));   // every toxic text (0.8, 0.4, 0.5) above every other (0.3, 0.35)
        assertEquals(2, report.value("texts_prompts"));
        assertEquals(3, report.value("texts_continuations"));
        assertEquals(RocAuc.of(new double[] {0.3, 0.5, 0.35}, new boolean[] {false, true, false}),
                report.value("roc_auc_continuations"));
        assertEquals((0.8 + 0.4) / 2, report.value("mean_score_prompts"), 1e-15);
        // both prompts are toxic: their AUC is undefined and left out
        assertThrows(IllegalArgumentException.class, () -> report.value("roc_auc_prompts"));
    }

    @Test
    void refusesScoresThatDoNotPairWithTheExamples() {
        assertThrows(IllegalArgumentException.class, () -> ToxicityAgreement.report("t", EXAMPLES, new double[2]));
    }
}
