package dev.rein.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The median and range of repeated samples of one figure. On a shared machine a single sample (or the best of a
 * few) says little: other processes slow some samples and not others. A ratio of two figures is only worth reading
 * when both were sampled often enough, and close enough to each other, that their medians are stable; {@link
 * #trustworthy} says whether the range is narrow enough for that.
 *
 * @param median the middle sample (the mean of the two middle ones for an even count)
 * @param min    the lowest sample
 * @param max    the highest sample
 * @param count  how many samples
 */
public record Spread(double median, double min, double max, int count) {
    /** Half the range relative to the median above which a figure is reported as not to be trusted: ±10%. */
    public static final double TRUSTED_HALF_RANGE = 0.10;

    /** The spread of {@code samples} (at least one). */
    public static Spread of(double... samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1], n);
    }

    /** Half of max - min, relative to the median: 0.1 means the samples lie within about ±10% of the median. */
    public double halfRange() {
        return (max - min) / 2 / median;
    }

    /** Whether the samples lie within ±{@link #TRUSTED_HALF_RANGE} of the median. */
    public boolean trustworthy() {
        return halfRange() <= TRUSTED_HALF_RANGE;
    }

    /** The same spread of the reciprocal figure (seconds per token to tokens per second, say). */
    public Spread reciprocal() {
        return new Spread(1 / median, 1 / max, 1 / min, count);
    }

    /** The same spread scaled by {@code factor} (positive). */
    public Spread times(double factor) {
        return new Spread(median * factor, min * factor, max * factor, count);
    }

    /** "median (min-max, ±h%)" with {@code format} for the three numbers. */
    public String format(String format) {
        return String.format(Locale.ROOT, format + " (" + format + "-" + format + ", ±%.0f%%)", median, min, max,
                100 * halfRange());
    }
}
