package dev.rein.steering.vector;

import dev.rein.autograd.NoGrad;
import dev.rein.eval.PrincipalComponent;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds a {@link ControlVector} from contrast pairs, as repeng does: every text goes through the model once, its
 * residual state after each chosen block ({@code blocks.{layer}.hook_resid_post}) is read at its last token, and each
 * layer's differences (positive minus negative, one per pair) become that layer's direction by
 * {@link ContrastMethod}. The vector's model hint is the model's {@code model_type} (e.g. {@code llama}), as repeng
 * writes it.
 */
public final class ControlVectors {
    private ControlVectors() {
    }

    /**
     * The vector of {@code pairs} at {@code layers} of {@code model}.
     *
     * @throws IllegalArgumentException when there are no pairs (PCA: fewer than two), no layers, or a layer the model
     *                                  lacks
     */
    public static ControlVector build(LanguageModel model, List<ContrastPair> pairs, List<Integer> layers,
                                      ContrastMethod method) {
        int count = model.config().numLayers();
        if (layers.isEmpty() || layers.stream().anyMatch(layer -> layer < 0 || layer >= count)) {
            throw new IllegalArgumentException("layers must be among 0.." + (count - 1) + ", got " + layers);
        }
        if (pairs.isEmpty() || (method == ContrastMethod.PCA_OF_DIFFERENCES && pairs.size() < 2)) {
            throw new IllegalArgumentException(method.id() + " needs at least " + (method == ContrastMethod.MEAN_DIFFERENCE
                    ? 1 : 2) + " pairs, got " + pairs.size());
        }
        int hidden = model.config().hiddenSize();
        double[][][] positive = new double[layers.size()][pairs.size()][];                // [layer][pair][H]
        double[][][] negative = new double[layers.size()][pairs.size()][];
        for (int p = 0; p < pairs.size(); p++) {
            double[][] pos = lastStates(model, pairs.get(p).positive(), layers);
            double[][] neg = lastStates(model, pairs.get(p).negative(), layers);
            for (int l = 0; l < layers.size(); l++) {
                positive[l][p] = pos[l];
                negative[l][p] = neg[l];
            }
        }
        SortedMap<Integer, Tensor> directions = new TreeMap<>();
        for (int l = 0; l < layers.size(); l++) {
            double[][] differences = new double[pairs.size()][hidden];
            for (int p = 0; p < pairs.size(); p++) {
                for (int k = 0; k < hidden; k++) differences[p][k] = positive[l][p][k] - negative[l][p][k];
            }
            double[] direction = method == ContrastMethod.MEAN_DIFFERENCE ? mean(differences)
                    : signed(PrincipalComponent.of(differences).component(), positive[l], negative[l]);
            float[] values = new float[hidden];
            for (int k = 0; k < hidden; k++) values[k] = (float) direction[k];
            directions.put(layers.get(l), Tensor.of(values, hidden));
        }
        return new ControlVector(model.config().modelType(), directions);          // repeng's hint: the model type
    }

    /** The residual state after each of {@code layers} at the last token of {@code text}: [layer][H]. */
    private static double[][] lastStates(LanguageModel model, String text, List<Integer> layers) {
        int[] ids = model.tokenizer().encode(text);
        ActivationCache cache = new ActivationCache();
        String[] points = layers.stream().map(HookPoints::residPost).toArray(String[]::new);
        try (var scope = NoGrad.enter()) {
            model.transformer().forward(TokenBatch.of(ids), new Hooks().cache(cache, points));
        }
        double[][] states = new double[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            float[] last = cache.get(points[l]).select(1, ids.length - 1).reshape(-1).toFloatArray();   // [1,T,H] -> [H]
            states[l] = new double[last.length];
            for (int k = 0; k < last.length; k++) states[l][k] = last[k];
        }
        return states;
    }

    private static double[] mean(double[][] rows) {
        double[] mean = new double[rows[0].length];
        for (double[] row : rows) {
            for (int k = 0; k < mean.length; k++) mean[k] += row[k] / rows.length;
        }
        return mean;
    }

    /** {@code component}, negated when most positives project below their negatives (repeng's sign rule). */
    private static double[] signed(double[] component, double[][] positive, double[][] negative) {
        int below = 0;
        for (int p = 0; p < positive.length; p++) {
            if (dot(positive[p], component) < dot(negative[p], component)) below++;
        }
        if (below * 2 <= positive.length) return component;
        double[] flipped = new double[component.length];
        for (int k = 0; k < component.length; k++) flipped[k] = -component[k];
        return flipped;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) sum += a[k] * b[k];
        return sum;
    }
}
