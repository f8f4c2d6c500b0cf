package dev.rein.eval;

/**
 * The first principal component of n points in d dimensions and each point's projection on it, as scikit-learn's
 * {@code PCA(n_components=1).fit_transform}: the points are centred on their mean, the component is the unit
 * eigenvector of the largest eigenvalue of their covariance, and a score is a centred point's dot product with it.
 * CogSteer's layer analysis (METHODS.md 4.1) reduces each layer's word states to one number this way.
 *
 * <p>The eigenvector is found by power iteration on the d × d covariance, started from the covariance's column of
 * largest variance and run until the direction moves by less than 1e-12 (at most 100 000 steps), in double
 * precision. Its sign is fixed as scikit-learn ≥ 1.5 fixes it ({@code svd_flip} on the components): the entry of
 * largest magnitude is positive. So the same points give the same scores, whatever order the steps took.
 *
 * @param mean      [d] the points' mean
 * @param component [d] the unit direction
 * @param variance  the variance along it (the largest eigenvalue, divided by n − 1 as scikit-learn does)
 */
public record PrincipalComponent(double[] mean, double[] component, double variance) {
    private static final double TOLERANCE = 1e-12;
    private static final int MAX_STEPS = 100_000;

    /**
     * The first component of {@code points} [n][d].
     *
     * @throws IllegalArgumentException when there are fewer than two points or they differ in dimension
     */
    public static PrincipalComponent of(double[][] points) {
        if (points.length < 2) throw new IllegalArgumentException("a PCA needs at least 2 points, got " + points.length);
        int d = points[0].length;
        double[] mean = new double[d];
        for (double[] point : points) {
            if (point.length != d) {
                throw new IllegalArgumentException("points differ in dimension: " + d + " and " + point.length);
            }
            for (int k = 0; k < d; k++) mean[k] += point[k];
        }
        for (int k = 0; k < d; k++) mean[k] /= points.length;
        double[][] covariance = covariance(points, mean);
        double[] vector = startingVector(covariance);
        if (vector == null) return new PrincipalComponent(mean, unit(d), 0);
        for (int step = 0; step < MAX_STEPS; step++) {
            double[] next = normalized(times(covariance, vector));
            double change = 0;
            for (int k = 0; k < d; k++) change = Math.max(change, Math.abs(next[k] - vector[k]));
            vector = next;
            if (change < TOLERANCE) break;
        }
        flipSign(vector);
        double variance = dot(vector, times(covariance, vector));
        return new PrincipalComponent(mean, vector, variance);
    }

    /** The score of each of {@code points} [n][d]: its centred dot product with the component. */
    public double[] project(double[][] points) {
        double[] scores = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            double score = 0;
            for (int k = 0; k < mean.length; k++) score += (points[i][k] - mean[k]) * component[k];
            scores[i] = score;
        }
        return scores;
    }

    /** [d][d], divided by n − 1. */
    private static double[][] covariance(double[][] points, double[] mean) {
        int d = mean.length;
        double[][] covariance = new double[d][d];
        double[] centred = new double[d];
        for (double[] point : points) {
            for (int k = 0; k < d; k++) centred[k] = point[k] - mean[k];
            for (int a = 0; a < d; a++) {
                double ca = centred[a];
                double[] row = covariance[a];
                for (int b = a; b < d; b++) row[b] += ca * centred[b];
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                covariance[a][b] /= points.length - 1;
                covariance[b][a] = covariance[a][b];
            }
        }
        return covariance;
    }

    /** The covariance's column of largest variance, normalised; null when the points are all equal. */
    private static double[] startingVector(double[][] covariance) {
        int best = 0;
        for (int k = 1; k < covariance.length; k++) if (covariance[k][k] > covariance[best][best]) best = k;
        if (covariance[best][best] == 0) return null;
        return normalized(covariance[best].clone());
    }

    private static double[] times(double[][] matrix, double[] vector) {
        double[] out = new double[vector.length];
        for (int a = 0; a < out.length; a++) out[a] = dot(matrix[a], vector);
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) sum += a[k] * b[k];
        return sum;
    }

    private static double[] normalized(double[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        for (int k = 0; k < vector.length; k++) vector[k] /= norm;
        return vector;
    }

    private static void flipSign(double[] vector) {
        int largest = 0;
        for (int k = 1; k < vector.length; k++) if (Math.abs(vector[k]) > Math.abs(vector[largest])) largest = k;
        if (vector[largest] < 0) for (int k = 0; k < vector.length; k++) vector[k] = -vector[k];
    }

    private static double[] unit(int d) {
        double[] vector = new double[d];
        vector[0] = 1;
        return vector;
    }
}
