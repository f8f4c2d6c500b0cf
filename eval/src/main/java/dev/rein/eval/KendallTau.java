package dev.rein.eval;

/**
 * Kendall's rank correlation tau-b of two paired samples, the variant that corrects for ties (scipy's
 * {@code kendalltau}, its default): over all pairs i &lt; j, with s = sign(x_i − x_j)·sign(y_i − y_j),
 * {@code tau_b = sum s / sqrt(n_x n_y)}, where n_x (n_y) counts the pairs not tied in x (y). Every pair is visited,
 * O(n²): a few seconds at most for the tens of thousands of words of an eye-tracking corpus.
 */
public final class KendallTau {
    private KendallTau() {
    }

    /**
     * tau-b of {@code x} and {@code y}, in [-1, 1]; NaN when either sample is constant.
     *
     * @throws IllegalArgumentException when the samples differ in length or have fewer than two pairs
     */
    public static double of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + x.length + " and " + y.length);
        }
        if (x.length < 2) throw new IllegalArgumentException("a correlation needs at least 2 pairs, got " + x.length);
        long concordance = 0;
        long untiedX = 0;
        long untiedY = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                int sx = Double.compare(x[i], x[j]);
                int sy = Double.compare(y[i], y[j]);
                concordance += Integer.signum(sx) * Integer.signum(sy);
                if (sx != 0) untiedX++;
                if (sy != 0) untiedY++;
            }
        }
        if (untiedX == 0 || untiedY == 0) return Double.NaN;
        return Math.max(-1, Math.min(1, concordance / Math.sqrt((double) untiedX * untiedY)));
    }
}
