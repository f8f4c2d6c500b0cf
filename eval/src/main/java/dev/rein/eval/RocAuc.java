package dev.rein.eval;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The area under the ROC curve of scores for a binary label: the probability that a random positive scores above a
 * random negative, a tie counting one half. Computed as the Mann-Whitney U statistic from the ranks of the scores
 * (tied scores share their average rank), {@code AUC = (R+ - n+ (n+ + 1) / 2) / (n+ n-)} with R+ the sum of the
 * positives' ranks, which is what scikit-learn's {@code roc_auc_score} returns.
 */
public final class RocAuc {
    private RocAuc() {
    }

    /**
     * The AUC of {@code scores} for {@code positive}, in [0, 1]; NaN when there is no positive or no negative.
     *
     * @throws IllegalArgumentException when the arrays differ in length or a score is NaN
     */
    public static double of(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " labels");
        }
        for (double score : scores) {
            if (Double.isNaN(score)) throw new IllegalArgumentException("a score is NaN");
        }
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        long positives = 0;
        double positiveRanks = 0;
        for (int first = 0; first < order.length; ) {
            int end = first;
            while (end < order.length && scores[order[end]] == scores[order[first]]) end++;
            double averageRank = (first + 1 + end) / 2.0;          // ranks first+1 .. end, 1-based
            for (int i = first; i < end; i++) {
                if (positive[order[i]]) {
                    positives++;
                    positiveRanks += averageRank;
                }
            }
            first = end;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) return Double.NaN;
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
