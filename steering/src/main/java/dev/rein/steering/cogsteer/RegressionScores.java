package dev.rein.steering.cogsteer;

import dev.rein.eval.PearsonCorrelation;
import dev.rein.eval.SpearmanCorrelation;
import dev.rein.eval.Samples;

/**
 * Held-out scores of a regressor, GLUE's for STS-B (Pearson's r, Spearman's rho), with the mean squared error beside
 * that of the baseline that always predicts the training rows' mean target (what a regressor that learned nothing
 * about the text would do).
 *
 * @param pearson  Pearson's r of predictions and targets (NaN when the predictions are constant)
 * @param spearman Spearman's rho of predictions and targets
 * @param mse      mean squared error of the predictions, in the targets' units squared
 * @param meanMse  mean squared error of predicting the training mean for every row
 * @param rows     how many rows were scored
 */
public record RegressionScores(double pearson, double spearman, double mse, double meanMse, int rows) {
    /**
     * The scores of {@code predictions} against {@code targets}, the baseline predicting {@code trainingMean}.
     *
     * @throws IllegalArgumentException when the two differ in length or have fewer than two rows
     */
    public static RegressionScores of(double[] predictions, double[] targets, double trainingMean) {
        double[] errors = new double[targets.length];
        double[] baselineErrors = new double[targets.length];
        for (int i = 0; i < targets.length; i++) {
            errors[i] = square(predictions[i] - targets[i]);
            baselineErrors[i] = square(trainingMean - targets[i]);
        }
        return new RegressionScores(PearsonCorrelation.of(predictions, targets),
                SpearmanCorrelation.of(predictions, targets), Samples.mean(errors), Samples.mean(baselineErrors),
                targets.length);
    }

    private static double square(double x) {
        return x * x;
    }
}
