package dev.rein.steering.cogsteer;

import dev.rein.eval.ClassificationMetrics;
import java.util.Arrays;

/**
 * Held-out scores of a classifier, with the eval module's GLUE metrics ({@link ClassificationMetrics}), beside the
 * majority-class baseline: the accuracy of always predicting the class most frequent among the held-out labels
 * (the best any constant prediction can do on them).
 *
 * @param accuracy          share of rows predicted right
 * @param f1                F1 of class 1
 * @param matthews          Matthews' correlation coefficient
 * @param majorityAccuracy  the majority-class baseline's accuracy
 * @param rows              how many rows were scored
 */
public record ClassificationScores(double accuracy, double f1, double matthews, double majorityAccuracy, int rows) {
    /** The scores of {@code predictions} against {@code labels}. */
    public static ClassificationScores of(int[] predictions, int[] labels) {
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        int[] counts = new int[classes];
        for (int label : labels) counts[label]++;
        double majority = (double) Arrays.stream(counts).max().orElse(0) / Math.max(1, labels.length);
        return new ClassificationScores(ClassificationMetrics.accuracy(predictions, labels),
                ClassificationMetrics.f1(predictions, labels), ClassificationMetrics.matthews(predictions, labels),
                majority, labels.length);
    }
}
