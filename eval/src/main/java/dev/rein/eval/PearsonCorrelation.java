package dev.rein.eval;

/**
 * Pearson's correlation coefficient r of two paired samples, {@code cov(x, y) / (sd(x) sd(y))}, computed around
 * the means in double precision. How well a learned scorer follows reference scores (a toxicity head against
 * Perspective) is reported with it.
 */
public final class PearsonCorrelation {
    private PearsonCorrelation() {
    }

    /**
     * r of {@code x} and {@code y}, in [-1, 1]; NaN when either sample is constant (r is undefined then, as in
     * numpy and scipy).
     *
     * @throws IllegalArgumentException when the samples differ in length or have fewer than two pairs
     */
    public static double of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + x.length + " and " + y.length);
        }
        if (x.length < 2) throw new IllegalArgumentException("a correlation needs at least 2 pairs, got " + x.length);
        double meanX = Samples.mean(x);
        double meanY = Samples.mean(y);
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            xy += dx * dy;
            xx += dx * dx;
            yy += dy * dy;
        }
        if (xx == 0 || yy == 0) return Double.NaN;
        return Math.max(-1, Math.min(1, xy / Math.sqrt(xx * yy)));
    }
}
