package dev.rein.training.trainer;

import dev.rein.autograd.Variable;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.Transformer;
import dev.rein.data.batch.TrainingBatch;
import java.util.List;

/**
 * The backward passes of one optimizer step over several micro-batches, weighted so that the summed gradients
 * equal those of one batch holding all their rows: micro-batch i's mean loss is scaled by
 * {@code targets_i / targets_total} before its backward pass, which makes the sum of gradients the gradient of the
 * mean loss over every target of the step. (Scaling each by {@code 1 / k} instead, as many loops do, would weigh a
 * micro-batch with few targets, such as a short padded one, as much as a full one.)
 */
public final class GradientAccumulation {
    private GradientAccumulation() {
    }

    /**
     * What the backward passes of a step computed.
     *
     * @param loss    mean loss per target over all the micro-batches (NaN when none had a target)
     * @param targets targets counted
     * @param tokens  tokens read (padding not counted)
     */
    public record StepLoss(double loss, long targets, long tokens) {
    }

    /**
     * Runs forward and backward over every micro-batch, adding their weighted gradients into the parameters'
     * {@code grad()}; micro-batches without targets are skipped.
     */
    public static StepLoss backward(Transformer model, Hooks hooks, List<TrainingBatch> microBatches) {
        long total = 0;
        long tokens = 0;
        for (TrainingBatch batch : microBatches) {
            total += batch.targetCount();
            tokens += batch.tokenCount();
        }
        double lossSum = 0;
        for (TrainingBatch batch : microBatches) {
            long targets = batch.targetCount();
            if (targets == 0) {
                continue;
            }
            Variable loss = CausalLmLoss.mean(model, hooks, batch);
            loss.mul((float) ((double) targets / total)).backward();
            lossSum += loss.value().item() * targets;
        }
        return new StepLoss(total == 0 ? Double.NaN : lossSum / total, total, tokens);
    }
}
