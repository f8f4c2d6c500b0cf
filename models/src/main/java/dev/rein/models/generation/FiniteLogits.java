package dev.rein.models.generation;

import java.util.Arrays;

/**
 * The tokens of a logits row that are still allowed (finite logit) and their log-probabilities under a softmax
 * computed in double. The probability-based warpers work on these only: a forbidden token has probability 0 and
 * Hugging Face's warpers leave it forbidden.
 */
final class FiniteLogits {
    /** Vocabulary ids with a finite logit, ascending. */
    final int[] ids;
    /** {@code logProbs[j]} is the log-probability of {@code ids[j]}. */
    final double[] logProbs;

    private FiniteLogits(int[] ids, double[] logProbs) {
        this.ids = ids;
        this.logProbs = logProbs;
    }

    static FiniteLogits of(float[] logits) {
        int[] ids = new int[logits.length];
        int count = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int id = 0; id < logits.length; id++) {
            if (Float.isFinite(logits[id])) {
                ids[count++] = id;
                max = Math.max(max, logits[id]);
            }
        }
        ids = Arrays.copyOf(ids, count);
        double sum = 0;
        for (int id : ids) sum += Math.exp(logits[id] - max);
        double logNormaliser = max + Math.log(sum);
        double[] logProbs = new double[count];
        for (int j = 0; j < count; j++) logProbs[j] = logits[ids[j]] - logNormaliser;
        return new FiniteLogits(ids, logProbs);
    }

    int size() {
        return ids.length;
    }

    double probability(int j) {
        return Math.exp(logProbs[j]);
    }

    /**
     * The positions {@code 0..keys.length-1} ordered by ascending key, equal keys by position (so, for keys per
     * {@link #ids} entry, by ascending vocabulary id). Keys are floats, the precision Hugging Face sorts in.
     */
    static int[] ascendingOrder(float[] keys) {
        long[] packed = new long[keys.length];
        for (int j = 0; j < keys.length; j++) {
            packed[j] = ((long) sortableBits(keys[j]) << 32) | j;
        }
        Arrays.sort(packed);
        int[] order = new int[keys.length];
        for (int j = 0; j < keys.length; j++) order[j] = (int) packed[j];
        return order;
    }

    /** An int whose signed order is the float order of {@code value} (not NaN), with -0 equal to 0. */
    private static int sortableBits(float value) {
        int bits = Float.floatToIntBits(value == 0 ? 0f : value);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}
