package dev.rein.lab;

import dev.rein.autograd.NoGrad;
import dev.rein.autograd.Variable;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
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
        Transformer transformer = model.transformer();
        int layers = model.config().numLayers();
        int vocab = model.config().vocabSize();
        String[] points = new String[layers];
        for (int i = 0; i < layers; i++) points[i] = HookPoints.residPost(i);
        ActivationCache cache = new ActivationCache();
        List<List<List<Prediction>>> cells = new ArrayList<>(layers);
        try (NoGrad scope = NoGrad.enter()) {
            transformer.forward(TokenBatch.of(ids), new Hooks().cache(cache, points));
            for (String point : points) {
                float[] logits = transformer.unembed(Variable.constant(cache.get(point))).value()   // [1, T, V]
                        .toFloatArray();
                cells.add(Prediction.perPosition(logits, ids.length, vocab, k));
            }
        }
        return new LogitLensGrid(cells);
    }
}
