package dev.rein.tensor.tornado;

import dev.rein.models.generation.TokenChoice;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.KvCache;
import dev.rein.models.transformer.Logits;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Greedy continuations for comparing two implementations of a model: the chosen ids and, for each, its margin over
 * the runner-up, so that a difference can be told apart from a near-tie.
 *
 * @param ids     the chosen tokens
 * @param margins best minus second-best logit at each choice
 */
record GreedyTokens(List<Integer> ids, List<Float> margins) {

    /** {@code steps} choices from {@code first} logits, each chosen token fed to {@code feed} for the next logits. */
    static GreedyTokens of(float[] first, int steps, IntFunction<float[]> feed) {
        List<Integer> ids = new ArrayList<>();
        List<Float> margins = new ArrayList<>();
        float[] logits = first;
        for (int step = 0; step < steps; step++) {
            float[] row = logits.clone();
            int best = TokenChoice.greedy(row);
            float top = row[best];
            row[best] = Float.NEGATIVE_INFINITY;
            margins.add(top - row[TokenChoice.greedy(row)]);
            ids.add(best);
            if (step + 1 < steps) {
                logits = feed.apply(best);
            }
        }
        return new GreedyTokens(ids, margins);
    }

    /**
     * {@code steps} greedy tokens after {@code prompt}, through {@link Transformer}'s KV cache, on the current
     * backend.
     */
    static GreedyTokens throughCache(Transformer model, int[] prompt, int steps) {
        KvCache cache = new KvCache(model.config(), 1, prompt.length + steps);
        Tensor first = model.forward(TokenBatch.of(prompt), cache, Hooks.none(), Logits.LAST_POSITION).value();
        int[] at = {prompt.length};
        return of(first.reshape(-1).toFloatArray(), steps, token -> {
            TokenBatch one = new TokenBatch(Tensor.ofLongs(new long[] {token}, 1, 1),
                    Tensor.ofLongs(new long[] {at[0]++}, 1, 1), null);
            return model.forward(one, cache, Hooks.none(), Logits.LAST_POSITION).value().reshape(-1).toFloatArray();
        });
    }

    /**
     * Null when {@code other} chose the same tokens up to the first choice of this one that was a near-tie (margin
     * below {@code tie}); else a description of the first real difference.
     */
    String difference(GreedyTokens other, float tie) {
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).equals(other.ids.get(i))) {
                return margins.get(i) < tie ? null : "token " + i + ": " + other.ids + " against " + ids;
            }
        }
        return null;
    }
}
