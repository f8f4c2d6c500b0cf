package dev.rein.training.trainer;

import dev.rein.autograd.NoGrad;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.Transformer;
import dev.rein.data.batch.BatchSource;
import dev.rein.data.batch.DataPosition;
import dev.rein.data.batch.TrainingBatch;

/** One pass of a model over held-out batches, without gradients. */
public final class Evaluation {
    private Evaluation() {
    }

    /**
     * The loss over one epoch of {@code source}, read from its start (its position is left after the epoch), with
     * {@code hooks} in the forward passes (e.g. adapters; {@link Hooks#none()} for the plain model).
     *
     * @throws IllegalArgumentException when the batches hold no target at all
     */
    public static EvalResult run(Transformer model, Hooks hooks, BatchSource source) {
        source.seek(DataPosition.START);
        double total = 0;
        long targets = 0;
        try (NoGrad _ = NoGrad.enter()) {
            for (int b = 0; b < source.batchesPerEpoch(); b++) {
                TrainingBatch batch = source.next();
                long count = batch.targetCount();
                if (count > 0) {
                    total += CausalLmLoss.mean(model, hooks, batch).value().item() * count;
                    targets += count;
                }
            }
        }
        if (targets == 0) {
            throw new IllegalArgumentException("the held-out data has no target tokens to evaluate on");
        }
        return new EvalResult(total / targets, targets);
    }
}
