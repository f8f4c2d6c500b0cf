package dev.rein.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Spearman's rank correlation coefficient rho of two paired samples: Pearson's r ({@link PearsonCorrelation}) of
 * their ranks, where tied values share the average of the ranks they span (scipy's {@code spearmanr}, pandas'
 * {@code method="average"}). How monotonically a controlled property follows its target (a length control's
 * target against the generated word count) is reported with it.
 */
public final class SpearmanCorrelation {
    private SpearmanCorrelation() {
    }

    /**
     * rho of {@code x} and {@code y}, in [-1, 1]; NaN when either sample is constant.
     *
     * @throws IllegalArgumentException when the samples differ in length or have fewer than two pairs
     */
    public static double of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + x.length + " and " + y.length);
        }
        return PearsonCorrelation.of(ranks(x), ranks(y));
    }

    /** The 1-based ranks of {@code values}, ties given the average of the ranks they span. */
    static double[] ranks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) end++;
            double average = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++) ranks[order[i]] = average;
            start = end + 1;
        }
        return ranks;
    }
}
