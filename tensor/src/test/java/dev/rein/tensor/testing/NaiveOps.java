package dev.rein.tensor.testing;

/** Double-precision textbook definitions that kernels are tested against. */
public final class NaiveOps {
    private NaiveOps() {
    }

    /** exp(x - max) / sum(exp(x - max)). */
    public static double[] softmax(double[] x) {
        double m = max(x);
        double total = 0;
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.exp(x[i] - m);
            total += out[i];
        }
        for (int i = 0; i < x.length; i++) {
            out[i] /= total;
        }
        return out;
    }

    /** x - max - log(sum(exp(x - max))). */
    public static double[] logSoftmax(double[] x) {
        double m = max(x);
        double total = 0;
        for (double v : x) {
            total += Math.exp(v - m);
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] - m - Math.log(total);
        }
        return out;
    }

    private static double max(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            m = Math.max(m, v);
        }
        return m;
    }
}
