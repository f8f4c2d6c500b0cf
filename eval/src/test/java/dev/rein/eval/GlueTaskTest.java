package dev.rein.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GlueTaskTest {
    // tp 3, fp 1, fn 2, tn 2: accuracy 5/8, F1 6/9, MCC (3·2 − 1·2) / √(4·4·5·3)
    private static final int[] PREDICTIONS = {1, 1, 1, 1, 0, 0, 0, 0};
    private static final int[] LABELS = {1, 1, 1, 0, 1, 1, 0, 0};

    @Test
    void binaryMetricsAreScikitLearns() {
        assertEquals(5 / 8.0, ClassificationMetrics.accuracy(PREDICTIONS, LABELS), 1e-12);
        assertEquals(6 / 9.0, ClassificationMetrics.f1(PREDICTIONS, LABELS), 1e-12);
        assertEquals(4 / Math.sqrt(4 * 4 * 5 * 3), ClassificationMetrics.matthews(PREDICTIONS, LABELS), 1e-12);
    }

    @Test
    void matthewsHandlesSeveralClassesAndASingleOne() {
        // sklearn.metrics.matthews_corrcoef([0, 1, 2, 2, 1], [0, 2, 2, 1, 1]) = 0.375
        assertEquals(0.375, ClassificationMetrics.matthews(new int[] {0, 1, 2, 2, 1}, new int[] {0, 2, 2, 1, 1}), 1e-12);
        assertEquals(0, ClassificationMetrics.matthews(new int[] {1, 1}, new int[] {0, 1}));
    }

    @Test
    void eachTaskScoresWithItsOwnMetric() {
        assertEquals(ClassificationMetrics.matthews(PREDICTIONS, LABELS),
                GlueTask.COLA.classification(PREDICTIONS, LABELS).value("score"), 1e-12);
        assertEquals((5 / 8.0 + 6 / 9.0) / 2, GlueTask.of("mrpc").classification(PREDICTIONS, LABELS).value("score"),
                1e-12);
        MetricReport stsb = GlueTask.of("sts-b").regression(new double[] {1, 2, 3, 5}, new double[] {1, 3, 2, 4});
        assertEquals((stsb.value("pearson") + stsb.value("spearman")) / 2, stsb.value("score"), 1e-12);
        assertEquals(0.8, stsb.value("spearman"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> GlueTask.of("squad"));
    }
}
