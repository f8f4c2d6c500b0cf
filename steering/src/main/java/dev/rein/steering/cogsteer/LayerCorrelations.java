package dev.rein.steering.cogsteer;

import java.util.List;

/**
 * What CogSteer's layer analysis found (METHODS.md 4.1): per depth (0 the embeddings, i + 1 block i) and eye
 * feature, the correlations of the depth's first-PCA-component word scores with the feature, raw and log10, and the
 * block suggested for steering with the rule that picked it.
 *
 * @param depths          one row per depth, embeddings first
 * @param features        the feature names, in the order of each row's entries
 * @param sentences       sentences analysed
 * @param skipped         sentences skipped because a feature's word count differs from the sentence's
 * @param words           words analysed
 * @param suggestedLayer  the block picked by {@link #RULE}
 */
public record LayerCorrelations(List<Depth> depths, List<String> features, int sentences, int skipped, int words,
                                int suggestedLayer) {
    /** How {@link #suggestedLayer} is picked. */
    public static final String RULE = "the block (embeddings excluded) whose first-component scores have the "
            + "highest mean |Spearman rho| over the eye features";

    /**
     * One depth's correlations.
     *
     * @param name  {@code embeddings} or {@code block i}
     * @param raw   per feature, against the feature's values
     * @param log10 per feature, against log10 of the values (words whose value is not positive left out)
     */
    public record Depth(String name, List<Correlations> raw, List<Correlations> log10) {
        /** The mean |Spearman rho| over the features (raw), NaN values left out; the rule's criterion. */
        public double meanAbsoluteSpearman() {
            return raw.stream().mapToDouble(c -> Math.abs(c.spearman())).filter(v -> !Double.isNaN(v)).average()
                    .orElse(Double.NaN);
        }
    }

    /** The block that {@link #RULE} picks among {@code depths} (depth 0, the embeddings, never). */
    static int suggest(List<Depth> depths) {
        int best = 1;
        for (int depth = 2; depth < depths.size(); depth++) {
            if (depths.get(depth).meanAbsoluteSpearman() > depths.get(best).meanAbsoluteSpearman()) best = depth;
        }
        return best - 1;
    }
}
