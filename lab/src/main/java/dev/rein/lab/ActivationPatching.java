package dev.rein.lab;

import dev.rein.autograd.NoGrad;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.Logits;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Activation patching, the TransformerLens exercise run with Rein's hooks: the clean and the corrupted prompt (same
 * length) each go through the model once; then, for each site and layer, the corrupted prompt runs again with one
 * activation copied from the clean run, and the logit difference (answer minus wrong token at the last position) says
 * how much of the clean behaviour that activation restores: 0 is the corrupted run's difference, 1 the clean run's.
 * Each (site, layer) runs as batched passes of up to {@link #ROWS_PER_PASS} rows, row r patching position r (or
 * head r, for {@code hook_z}).
 */
public final class ActivationPatching {
    /** Most corrupted copies in one pass: bounds the memory of a pass (attention scores grow with rows x T x T). */
    static final int ROWS_PER_PASS = 16;

    private final LanguageModel model;

    public ActivationPatching(LanguageModel model) {
        this.model = model;
    }

    /**
     * The sweep's outcome.
     *
     * @param answer               the token whose logit the clean prompt should raise
     * @param wrong                the token it is compared against
     * @param cleanDifference      logit(answer) - logit(wrong) at the clean prompt's last position
     * @param corruptedDifference  the same for the corrupted prompt
     * @param recovered            per site, [layer][position or head]: (patched - corrupted) / (clean - corrupted)
     */
    public record Result(int answer, int wrong, double cleanDifference, double corruptedDifference,
                         Map<PatchSite, double[][]> recovered) {
    }

    /**
     * Patches every site of {@code sites} at every layer and position (heads for z).
     *
     * @param answer   the answer token, or empty for the clean prompt's most likely next token
     * @param wrong    the wrong token, or empty for the corrupted prompt's most likely next token (its second when
     *                 that is the answer)
     * @param progress told after each (site, layer); may stop the sweep by throwing {@link Cancelled}
     * @throws IllegalArgumentException when the prompts differ in length, or give the same logit difference
     */
    public Result run(int[] clean, int[] corrupted, OptionalInt answer, OptionalInt wrong, List<PatchSite> sites,
                      Progress progress) {
        if (clean.length != corrupted.length) {
            throw new IllegalArgumentException("the clean and corrupted prompts must have the same number of tokens, "
                    + "got " + clean.length + " and " + corrupted.length);
        }
        int layers = model.config().numLayers();
        int vocab = model.config().vocabSize();
        try (NoGrad scope = NoGrad.enter()) {
            ActivationCache cache = new ActivationCache();
            Set<String> points = new HashSet<>();
            for (PatchSite site : sites) {
                for (int layer = 0; layer < layers; layer++) points.add(site.point(layer));
            }
            Hooks record = new Hooks().cache(cache, points::contains);
            float[] cleanLast = lastLogits(TokenBatch.of(clean), record);                          // [1 * V]
            float[] corruptedLast = lastLogits(TokenBatch.of(corrupted), Hooks.none());
            int answerId = answer.orElseGet(() -> Prediction.top(cleanLast, 0, vocab, 1).getFirst().id());
            int wrongId = wrong.orElseGet(() -> Prediction.top(corruptedLast, 0, vocab, 2).stream()
                    .mapToInt(Prediction::id).filter(id -> id != answerId).findFirst().orElseThrow());
            double cleanDifference = cleanLast[answerId] - cleanLast[wrongId];
            double corruptedDifference = corruptedLast[answerId] - corruptedLast[wrongId];
            double span = cleanDifference - corruptedDifference;
            if (Math.abs(span) < 1e-6) {
                throw new IllegalArgumentException("the clean and corrupted prompts give the same logit difference ("
                        + cleanDifference + ") between the answer and the wrong token: there is nothing to recover");
            }
            Map<PatchSite, double[][]> recovered = new LinkedHashMap<>();
            int done = 0;
            for (PatchSite site : sites) {
                double[][] grid = new double[layers][];
                for (int layer = 0; layer < layers; layer++) {
                    Tensor source = cache.get(site.point(layer));          // [1, T, H], or [1, Hq, T, D] for z
                    int columns = source.size(1);                            // positions, or heads for z
                    grid[layer] = new double[columns];
                    for (int first = 0; first < columns; first += ROWS_PER_PASS) {
                        int rows = Math.min(ROWS_PER_PASS, columns - first);
                        int offset = first;
                        Hooks patch = new Hooks().add(site.point(layer),
                                (activation, context) -> patched(activation, source, offset));
                        float[] last = lastLogits(TokenBatch.leftPadded(Collections.nCopies(rows, corrupted)), patch);
                        for (int r = 0; r < rows; r++) {
                            double difference = last[r * vocab + answerId] - last[r * vocab + wrongId];
                            grid[layer][first + r] = (difference - corruptedDifference) / span;
                        }
                    }
                    progress.step(++done, sites.size() * layers);
                }
                recovered.put(site, grid);
            }
            return new Result(answerId, wrongId, cleanDifference, corruptedDifference, recovered);
        }
    }

    /** Logits at the last position of every row, [B * V]. */
    private float[] lastLogits(TokenBatch batch, Hooks hooks) {
        return model.transformer().forward(batch, null, hooks, Logits.LAST_POSITION).value().toFloatArray();
    }

    /**
     * The corrupted activation [B, C, ...] with row r's slice {@code first + r} along dim 1 (a position, or a head)
     * replaced by the clean run's, {@code source} [1, C, ...].
     */
    static Tensor patched(Tensor activation, Tensor source, int first) {
        float[] values = activation.contiguous().toFloatArray();
        float[] clean = source.contiguous().toFloatArray();
        int rows = activation.size(0);
        int block = clean.length / source.size(1);                  // one position's (or one head's) values
        int rowSize = values.length / rows;
        for (int r = 0; r < rows; r++) {
            int column = first + r;
            System.arraycopy(clean, column * block, values, r * rowSize + column * block, block);
        }
        return Tensor.of(values, activation.shape());
    }
}
