package dev.rein.training.trainer;

import dev.rein.autograd.LossFunctions;
import dev.rein.autograd.Variable;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;
import dev.rein.data.batch.TrainingBatch;

/**
 * Hugging Face's causal-LM loss: position t predicts the label of position t + 1, and the loss is the mean
 * cross-entropy over the positions whose next label is not {@link TrainingBatch#IGNORED}. Instead of cutting the
 * logits (a copy of [B, T-1, V]), the targets are shifted: position t's target is label t + 1 and each row's last
 * position gets an ignored target, so the logits are used as the [B*T, V] view they already are.
 */
public final class CausalLmLoss {
    private CausalLmLoss() {
    }

    /**
     * The mean loss over the batch's {@link TrainingBatch#targetCount()} targets, with gradients to the model's
     * parameters (and to trainable hook edits, such as adapters); call only for a batch with at least one target.
     */
    public static Variable mean(Transformer model, Hooks hooks, TrainingBatch batch) {
        Variable logits = model.forward(batch.tokens(), hooks);                  // [B, T, V]
        int rows = batch.tokens().batchSize() * batch.tokens().length();
        return LossFunctions.crossEntropy(logits.reshape(rows, model.config().vocabSize()),
                shiftedTargets(batch.labels()));
    }

    /** Targets [B*T]: labels [B, T] moved one position left, the last position of each row ignored. */
    public static Tensor shiftedTargets(Tensor labels) {
        int b = labels.size(0);
        int t = labels.size(1);
        long[] label = labels.contiguous().toLongArray();
        long[] target = new long[b * t];
        for (int row = 0; row < b; row++) {
            for (int j = 0; j < t; j++) {
                target[row * t + j] = j + 1 < t ? label[row * t + j + 1] : TrainingBatch.IGNORED;
            }
        }
        return Tensor.ofLongs(target, b * t);
    }
}
