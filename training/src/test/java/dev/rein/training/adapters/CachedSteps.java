package dev.rein.training.adapters;

import static dev.rein.training.adapters.TinyModels.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.KvCache;
import dev.rein.models.transformer.Logits;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;
import java.util.Arrays;

/** Checks that a model with hooks gives, one cached step at a time, the logits of full forward passes. */
final class CachedSteps {
    private CachedSteps() {
    }

    /**
     * Feeds {@code prompt} through a KV cache, then each token of {@code continuation} as one cached step, and
     * compares every step's last logits with a full forward pass over the same tokens.
     */
    static void assertCachedStepsMatchFullPasses(Transformer model, Hooks hooks, int[] prompt, int[] continuation) {
        KvCache cache = new KvCache(model.config(), 1, prompt.length + continuation.length);
        Tensor cached = model.forward(TokenBatch.of(prompt), cache, hooks, Logits.LAST_POSITION).value(); // [1, 1, V]
        int[] sequence = prompt;
        for (int step = 0; ; step++) {
            Tensor full = model.forward(TokenBatch.of(sequence), hooks).value();
            Tensor last = full.narrow(1, sequence.length - 1, 1);
            float diff = maxAbsDiff(last, cached);
            assertTrue(diff < 1e-4f, "step " + step + ": cached logits differ from a full pass by " + diff);
            if (step == continuation.length) {
                return;
            }
            int next = continuation[step];
            cached = model.forward(new TokenBatch(Tensor.ofLongs(new long[] {next}, 1, 1),
                    Tensor.ofLongs(new long[] {sequence.length}, 1, 1), null), cache, hooks, Logits.LAST_POSITION)
                    .value();
            sequence = Arrays.copyOf(sequence, sequence.length + 1);
            sequence[sequence.length - 1] = next;
        }
    }
}
