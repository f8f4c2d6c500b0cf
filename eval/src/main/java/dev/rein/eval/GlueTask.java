package dev.rein.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The GLUE tasks by the metrics each reports and the one score the benchmark's aggregate takes of it (METHODS.md
 * 3.5): CoLA Matthews' correlation; SST-2, QNLI, RTE, MNLI and WNLI accuracy; MRPC and QQP the mean of accuracy and
 * F1; STS-B the mean of Pearson's and Spearman's correlations (a regression, on numbers).
 */
public enum GlueTask {
    COLA, SST2, MRPC, QQP, STSB, MNLI, QNLI, RTE, WNLI;

    /** Whether the task scores numbers (STS-B) rather than class labels. */
    public boolean regression() {
        return this == STSB;
    }

    /**
     * The task named {@code name} ({@code cola}, {@code sst2}, ..., case-insensitive).
     *
     * @throws IllegalArgumentException naming the tasks when it is none of them
     */
    public static GlueTask of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT).replace("-", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown GLUE task \"" + name + "\"; expected one of "
                    + Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    /** The report of class predictions against labels: accuracy, F1 of class 1, Matthews and the task's score. */
    public MetricReport classification(int[] predictions, int[] labels) {
        if (regression()) throw new IllegalArgumentException(this + " is scored on numbers, not classes");
        double accuracy = ClassificationMetrics.accuracy(predictions, labels);
        double f1 = ClassificationMetrics.f1(predictions, labels);
        double matthews = ClassificationMetrics.matthews(predictions, labels);
        double score = switch (this) {
            case COLA -> matthews;
            case MRPC, QQP -> (accuracy + f1) / 2;
            default -> accuracy;
        };
        return builder(labels.length)
                .value("accuracy", accuracy, "share of rows whose prediction is the label")
                .value("f1", f1, "F1 of class 1 (the binary tasks' positive class)")
                .value("matthews", matthews, "Matthews' correlation coefficient")
                .value("score", score, "the task's GLUE score")
                .perRow(rows(predictions.length, i -> new RowScore().flag("correct", predictions[i] == labels[i])))
                .build();
    }

    /** The report of predicted against true numbers (STS-B): Pearson, Spearman and their mean. */
    public MetricReport regression(double[] predictions, double[] labels) {
        double pearson = PearsonCorrelation.of(predictions, labels);
        double spearman = SpearmanCorrelation.of(predictions, labels);
        return builder(labels.length)
                .value("pearson", pearson, "Pearson's correlation of predictions and labels")
                .value("spearman", spearman, "Spearman's rank correlation of predictions and labels")
                .value("score", (pearson + spearman) / 2, "the task's GLUE score: their mean")
                .perRow(rows(predictions.length, i -> new RowScore().number("error", predictions[i] - labels[i])))
                .build();
    }

    private MetricReport.Builder builder(int rows) {
        return MetricReport.builder("glue", rows).setting("task", name().toLowerCase(Locale.ROOT));
    }

    private static List<RowScore> rows(int n, IntFunction<RowScore> row) {
        return IntStream.range(0, n).mapToObj(row).toList();
    }
}
