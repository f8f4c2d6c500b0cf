package dev.rein.lab;

import dev.rein.autograd.NoGrad;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Every head's attention pattern on a prompt ({@code blocks.{i}.attn.hook_pattern}) with a summary per head: the
 * entropy of where it looks, how much it attends to the previous token, and its induction score.
 *
 * @param patterns [layer][head][query][key]: attention probabilities, zero above the diagonal
 * @param scores   [layer][head]: the summary of each head
 */
public record AttentionMaps(float[][][][] patterns, HeadScore[][] scores) {

    /**
     * One head's summary.
     *
     * @param entropyBits   mean over query positions of the pattern row's entropy in bits (0: one position)
     * @param previousToken mean over query positions 1.. of the weight on the position before
     * @param induction     on a seeded random token sequence repeated twice, mean weight of the second half's
     *                      queries on the token after the first occurrence of their own token (TransformerLens's
     *                      induction score); NaN when the model's context is too short for it
     */
    public record HeadScore(double entropyBits, double previousToken, double induction) {
    }

    /** Length of the random sequence the induction score repeats. */
    static final int INDUCTION_LENGTH = 20;

    /** The patterns of {@code ids} and every head's scores; {@code seed} draws the induction score's sequence. */
    public static AttentionMaps of(LanguageModel model, int[] ids, long seed) {
        float[][][][] patterns = patterns(model, ids);
        int[] repeated = repeatedRandom(model, seed);
        float[][][][] repeatedPatterns = repeated == null ? null : patterns(model, repeated);
        HeadScore[][] scores = new HeadScore[patterns.length][];
        for (int layer = 0; layer < patterns.length; layer++) {
            scores[layer] = new HeadScore[patterns[layer].length];
            for (int head = 0; head < patterns[layer].length; head++) {
                float[][] pattern = patterns[layer][head];
                scores[layer][head] = new HeadScore(entropyBits(pattern), previousToken(pattern),
                        repeatedPatterns == null ? Double.NaN : induction(repeatedPatterns[layer][head]));
            }
        }
        return new AttentionMaps(patterns, scores);
    }

    /** [layer][head][query][key] of one pass over {@code ids}. */
    static float[][][][] patterns(LanguageModel model, int[] ids) {
        int layers = model.config().numLayers();
        String[] points = new String[layers];
        for (int i = 0; i < layers; i++) points[i] = HookPoints.pattern(i);
        ActivationCache cache = new ActivationCache();
        try (NoGrad scope = NoGrad.enter()) {
            model.transformer().forward(TokenBatch.of(ids), new Hooks().cache(cache, points));
        }
        float[][][][] out = new float[layers][][][];
        for (int layer = 0; layer < layers; layer++) out[layer] = heads(cache.get(points[layer]));
        return out;
    }

    /** One pass's pattern [1, Hq, T, Tk] as [head][query][key]. */
    public static float[][][] heads(Tensor pattern) {
        int heads = pattern.size(1);
        int queries = pattern.size(2);
        int keys = pattern.size(3);
        float[] all = pattern.contiguous().toFloatArray();
        float[][][] out = new float[heads][queries][keys];
        for (int h = 0; h < heads; h++) {
            for (int q = 0; q < queries; q++) System.arraycopy(all, (h * queries + q) * keys, out[h][q], 0, keys);
        }
        return out;
    }

    /** A random sequence of {@link #INDUCTION_LENGTH} ids, twice; null when it does not fit the context. */
    static int[] repeatedRandom(LanguageModel model, long seed) {
        if (2 * INDUCTION_LENGTH > model.config().maxPositions()) return null;
        SplittableRandom random = new SplittableRandom(seed);
        int[] ids = new int[2 * INDUCTION_LENGTH];
        for (int i = 0; i < INDUCTION_LENGTH; i++) {
            ids[i] = random.nextInt(model.config().vocabSize());
            ids[i + INDUCTION_LENGTH] = ids[i];
        }
        return ids;
    }

    /** Mean over query positions of {@link #entropyBits(float[])}. */
    static double entropyBits(float[][] pattern) {
        double total = 0;
        for (float[] row : pattern) total += entropyBits(row);
        return total / pattern.length;
    }

    /** -sum p log2 p of one query's weights (0: all on one position; log2(n): spread evenly over n). */
    public static double entropyBits(float[] weights) {
        double entropy = 0;
        for (float p : weights) {
            if (p > 0) entropy -= p * Math.log(p);
        }
        return entropy / Math.log(2);
    }

    static double previousToken(float[][] pattern) {
        if (pattern.length < 2) return Double.NaN;
        double total = 0;
        for (int q = 1; q < pattern.length; q++) total += pattern[q][q - 1];
        return total / (pattern.length - 1);
    }

    /** Over a pattern of a sequence repeated twice: the second half's weight on the token after its first copy. */
    static double induction(float[][] pattern) {
        int n = pattern.length / 2;
        double total = 0;
        for (int q = n; q < 2 * n; q++) total += pattern[q][q - n + 1];
        return total / n;
    }
}
