package dev.rein.eval.toxicity;

import dev.rein.training.freezing.TrainableSelection;
import dev.rein.training.heads.HeadConfig;

/**
 * How {@link ToxicityTrainer} trains a {@link LearnedToxicityScorer}.
 *
 * @param epochs       passes over the training texts
 * @param batchSize    texts per optimizer step
 * @param learningRate AdamW's base rate, for the head and any trained model weight
 * @param weightDecay  AdamW's decoupled weight decay
 * @param schedule     the learning-rate schedule as {@code LearningRateSchedules.parse} reads it, e.g.
 *                     {@code linear:warmup=0.1}, over all the steps
 * @param clipNorm     the gradients' global norm is clipped to this; 0 for no clipping
 * @param seed         the head's initial weights and the order of the texts in each epoch
 * @param maxTokens    texts are cut to this many tokens
 * @param backbone     which of the model's own weights are trained besides the head ({@code none()}: the head only)
 * @param pooler       the head's pooler (identity: a linear probe of the mean state)
 */
public record ToxicityTrainingConfig(int epochs, int batchSize, double learningRate, double weightDecay,
                                     String schedule, double clipNorm, long seed, int maxTokens,
                                     TrainableSelection backbone, HeadConfig.PoolerKind pooler) {
    /** @throws IllegalArgumentException naming the setting that is out of range */
    public ToxicityTrainingConfig {
        if (epochs < 1 || batchSize < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("epochs, batch size and max tokens must be at least 1, got " + epochs
                    + ", " + batchSize + " and " + maxTokens);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a finite number > 0, got " + learningRate);
        }
        if (!(weightDecay >= 0) || !(clipNorm >= 0) || Double.isInfinite(weightDecay) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("weight decay and clip norm must be finite numbers >= 0, got "
                    + weightDecay + " and " + clipNorm);
        }
        if (schedule == null || backbone == null || pooler == null) {
            throw new IllegalArgumentException("a schedule, a backbone selection and a pooler are required");
        }
    }
}
