package dev.rein.models.generation;

import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.KvCache;
import dev.rein.models.transformer.Logits;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;

/**
 * The forward passes of one batched generation: {@link #open} makes the state a generation keeps between steps
 * (a KV cache), and the returned {@link Passes} turns each batch the {@link Generator} feeds (the left-padded prompts,
 * then each row's newest token) into the logits of the last position. {@link #plain} is one pass of the model with
 * the request's hooks; a decoding method that runs more than one model per step (CogSteer's steered pass against
 * its adapter pass, each with its own cache) supplies its own.
 */
public interface BatchForward {

    /** The passes of one generation. */
    interface Passes {
        /** batch [B, T] -> the logits of its last position [B, 1, V]. */
        Tensor logits(TokenBatch batch);
    }

    /** The passes for {@code rows} rows of up to {@code capacity} positions, with the request's {@code hooks}. */
    Passes open(int rows, int capacity, Hooks hooks);

    /** One pass of {@code model} per step, with one KV cache. */
    static BatchForward plain(Transformer model) {
        return (rows, capacity, hooks) -> {
            KvCache cache = new KvCache(model.config(), rows, capacity);
            return batch -> model.forward(batch, cache, hooks, Logits.LAST_POSITION).value();
        };
    }
}
