package dev.rein.lab;

import dev.rein.autograd.NoGrad;
import dev.rein.autograd.Variable;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The logit lens of a prompt as a layer x position grid: what the model would predict at each position if the final
 * norm and LM head read the residual stream leaving each block ({@code blocks.{i}.hook_resid_post}). The last row is
 * the model's own prediction.
 *
 * @param cells [layer][position] the top tokens there, most likely first
 */
public record LogitLensGrid(List<List<List<Prediction>>> cells) {

    /** The lens of {@code ids} with the {@code k} best tokens per cell: one forward pass, then the head per layer. */
    public static LogitLensGrid of(LanguageModel model, int[] ids, int k) {
        List<String> points = new ArrayList<>();
        for (int i = 0; i < model.config().numLayers(); i++) points.add(HookPoints.residPost(i));
        ActivationCache cache = new ActivationCache();
        try (NoGrad scope = NoGrad.enter()) {
            model.transformer().forward(TokenBatch.of(ids), new Hooks().cache(cache, points.toArray(String[]::new)));
        }
        return new LogitLensGrid(read(model.transformer(), cache, points, k));
    }

    /**
     * The lens of residual streams already recorded in {@code cache} (each [1, T, H]; {@code rein inspect} reads the
     * embeddings too): per point, per position, the {@code k} best tokens.
     */
    public static List<List<List<Prediction>>> read(Transformer transformer, ActivationCache cache, List<String> points,
                                                    int k) {
        int vocab = transformer.config().vocabSize();
        List<List<List<Prediction>>> cells = new ArrayList<>(points.size());
        try (NoGrad scope = NoGrad.enter()) {
            for (String point : points) {
                Tensor residual = cache.get(point);                                                // [1, T, H]
                float[] logits = transformer.unembed(Variable.constant(residual)).value().toFloatArray();  // [1, T, V]
                cells.add(Prediction.perPosition(logits, residual.size(1), vocab, k));
            }
        }
        return cells;
    }
}
