package dev.rein.steering.cogsteer;

import dev.rein.eval.KendallTau;
import dev.rein.eval.PearsonCorrelation;
import dev.rein.eval.SpearmanCorrelation;

/**
 * The three correlations CogSteer reports between a layer's PCA scores and an eye feature (METHODS.md 4.1 step 4),
 * over {@code words} pairs. Each is NaN where it is undefined (a constant sample, fewer than two pairs).
 */
public record Correlations(double pearson, double spearman, double kendall, int words) {

    /** Pearson's r, Spearman's rho and Kendall's tau-b of {@code x} and {@code y}. */
    public static Correlations of(double[] x, double[] y) {
        if (x.length < 2) return new Correlations(Double.NaN, Double.NaN, Double.NaN, x.length);
        return new Correlations(PearsonCorrelation.of(x, y), SpearmanCorrelation.of(x, y), KendallTau.of(x, y),
                x.length);
    }
}
