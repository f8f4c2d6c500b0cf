package dev.rein.eval;

/**
 * The summary statistics the metrics report over a sample of scores, computed one way everywhere: the mean as a
 * plain sum divided by the count, and the population standard deviation around it (numpy's {@code np.std}, which
 * CogSteer's EMT standard deviation uses).
 */
public final class Samples {
    private Samples() {
    }

    /** The mean of {@code values}; IllegalArgumentException when there are none. */
    public static double mean(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("the mean of no values is undefined");
        double sum = 0;
        for (double value : values) sum += value;
        return sum / values.length;
    }

    /** The population standard deviation of {@code values}, sqrt(mean of squared deviations from the mean). */
    public static double populationStd(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double value : values) squares += (value - mean) * (value - mean);
        return Math.sqrt(squares / values.length);
    }
}
