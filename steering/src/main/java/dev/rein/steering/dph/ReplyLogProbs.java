package dev.rein.steering.dph;

import dev.rein.autograd.IndexingFunctions;
import dev.rein.autograd.Variable;
import dev.rein.data.batch.TrainingBatch;
import dev.rein.tensor.Tensor;
import dev.rein.training.trainer.CausalLmLoss;

/**
 * The log-probability a model gives each row's labelled tokens (the reply and its end-of-turn token), cDPO's
 * s(y) (METHODS.md 3.2): the sum over the tokens whose label is not {@link TrainingBatch#IGNORED} of
 * log p(label | the tokens before it), or their mean ({@code dpo_average_logprobs}).
 */
public enum ReplyLogProbs {
    /** Σ_t log p(y_t) (DPH's default). */
    SUM,
    /** The mean over the labelled tokens. */
    MEAN;

    /**
     * logits [R, T, V] of a batch with labels [R, T] (unshifted, Hugging Face style) -> s [R, 1], with gradients to
     * the logits.
     *
     * @throws IllegalArgumentException when a row has no labelled token after its first position
     */
    public Variable of(Variable logits, Tensor labels) {
        int r = labels.size(0);
        int t = labels.size(1);
        long[] targets = CausalLmLoss.shiftedTargets(labels).toLongArray();          // [R*T]: label t + 1 or ignored
        long[] index = new long[r * t];
        float[] mask = new float[r * t];
        float[] counts = new float[r];
        for (int i = 0; i < r * t; i++) {
            boolean counted = targets[i] != TrainingBatch.IGNORED;
            index[i] = counted ? targets[i] : 0;
            mask[i] = counted ? 1f : 0f;
            counts[i / t] += mask[i];
        }
        for (int row = 0; row < r; row++) {
            if (counts[row] == 0) throw new IllegalArgumentException("row " + row + " has no labelled reply token");
        }
        Variable picked = IndexingFunctions.gather(logits.logSoftmax(-1), 2, Tensor.ofLongs(index, r, t, 1))
                .reshape(r, t);                                                      // [R, T]
        Variable sums = picked.mul(Variable.constant(Tensor.of(mask, r, t))).sum(1).reshape(r, 1);
        return this == SUM ? sums : sums.div(Variable.constant(Tensor.of(counts, r, 1)));
    }
}
