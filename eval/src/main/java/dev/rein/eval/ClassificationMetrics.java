package dev.rein.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * The GLUE classification metrics of predicted against true class labels, as Hugging Face's {@code evaluate} glue
 * metric computes them with scikit-learn: accuracy, F1 of class 1 (binary tasks: MRPC, QQP) and Matthews'
 * correlation coefficient (CoLA), in its multi-class form {@code (c·s − Σ p_k·t_k) / √((s² − Σ p_k²)(s² − Σ t_k²))}
 * with c the correct predictions, s the rows, p_k and t_k how often class k is predicted and true.
 */
public final class ClassificationMetrics {
    private ClassificationMetrics() {
    }

    /** The share of rows predicted right. */
    public static double accuracy(int[] predictions, int[] labels) {
        check(predictions, labels);
        int right = 0;
        for (int i = 0; i < labels.length; i++) right += predictions[i] == labels[i] ? 1 : 0;
        return (double) right / labels.length;
    }

    /** F1 of class 1: 2·tp / (2·tp + fp + fn); 0 when class 1 is neither predicted nor true (scikit-learn's). */
    public static double f1(int[] predictions, int[] labels) {
        check(predictions, labels);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean predicted = predictions[i] == 1;
            boolean positive = labels[i] == 1;
            tp += predicted && positive ? 1 : 0;
            fp += predicted && !positive ? 1 : 0;
            fn += !predicted && positive ? 1 : 0;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /** Matthews' correlation coefficient, in [-1, 1]; 0 when either side is a single class (scikit-learn's). */
    public static double matthews(int[] predictions, int[] labels) {
        check(predictions, labels);
        Map<Integer, Long> predicted = new HashMap<>();
        Map<Integer, Long> truth = new HashMap<>();
        double correct = 0;
        for (int i = 0; i < labels.length; i++) {
            predicted.merge(predictions[i], 1L, Long::sum);
            truth.merge(labels[i], 1L, Long::sum);
            correct += predictions[i] == labels[i] ? 1 : 0;
        }
        double s = labels.length;
        double cross = 0;
        for (Map.Entry<Integer, Long> p : predicted.entrySet()) cross += (double) p.getValue() * truth.getOrDefault(p.getKey(), 0L);
        double predictedSquares = predicted.values().stream().mapToDouble(v -> (double) v * v).sum();
        double trueSquares = truth.values().stream().mapToDouble(v -> (double) v * v).sum();
        double denominator = Math.sqrt((s * s - predictedSquares) * (s * s - trueSquares));
        return denominator == 0 ? 0 : (correct * s - cross) / denominator;
    }

    private static void check(int[] predictions, int[] labels) {
        if (predictions.length != labels.length || labels.length == 0) {
            throw new IllegalArgumentException("expected one prediction per label, and some: " + predictions.length
                    + " predictions, " + labels.length + " labels");
        }
    }
}
