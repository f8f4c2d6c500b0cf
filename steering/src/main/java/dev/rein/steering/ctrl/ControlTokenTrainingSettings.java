package dev.rein.steering.ctrl;

import java.util.Objects;

/**
 * How {@link ControlTokenTrainer} trains. The defaults are the seed's (METHODS.md 2.3, {@code args_train_*.yaml}
 * and Hugging Face Trainer defaults): AdamW (betas 0.9/0.999, eps 1e-8) at 5e-4 with weight decay 0.1 on matrices,
 * a cosine schedule with warmup ratio 0.01, gradient clipping at 1.0, batches of 64 sequences with 8 accumulated per
 * update (512 sequences a step), one epoch, sequences of at most 64 tokens, seed 42. The seed trained in fp16; Rein
 * trains in F32. 64 × 8 is far too much for a CPU: {@link #withBatchSize} and {@link #withAccumulation} change it.
 *
 * @param condition       which control tokens go in front of each sentence
 * @param epochs          passes over the data, when {@code steps} is 0
 * @param steps           optimizer updates in all; 0: as many as {@code epochs} take
 * @param batchSize       sequences per micro-batch
 * @param accumulation    micro-batches per update
 * @param learningRate    the peak learning rate
 * @param weightDecay     AdamW's decay of matrices (vectors are not decayed, as Hugging Face's Trainer groups them)
 * @param warmupRatio     the fraction of the steps the learning rate warms up over, then a cosine to 0
 * @param clipNorm        the gradients' global norm limit (0: none)
 * @param maxTokens       the longest sequence kept (control tokens, BOS and EOS included); longer rows are dropped
 * @param seed            the data order and, from scratch, the initial weights
 * @param saveEvery       a resumable checkpoint every this many steps and after the last (0: none)
 * @param keepCheckpoints how many of the newest checkpoints to keep
 * @param progress        whether a progress bar shows on the terminal (only when stderr is one)
 */
public record ControlTokenTrainingSettings(Condition condition, int epochs, long steps, int batchSize,
                                           int accumulation, double learningRate, double weightDecay,
                                           double warmupRatio, double clipNorm, int maxTokens, long seed,
                                           int saveEvery, int keepCheckpoints, boolean progress) {
    public ControlTokenTrainingSettings {
        Objects.requireNonNull(condition, "condition");
        if (epochs < 1 || steps < 0 || batchSize < 1 || accumulation < 1 || maxTokens < 2 || keepCheckpoints < 1
                || saveEvery < 0) {
            throw new IllegalArgumentException("epochs, batch size, accumulation and checkpoints kept must be at "
                    + "least 1, max tokens at least 2, steps and save-every at least 0; got epochs " + epochs
                    + ", steps " + steps + ", batch size " + batchSize + ", accumulation " + accumulation
                    + ", max tokens " + maxTokens + ", keep " + keepCheckpoints + ", save every " + saveEvery);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate) || !(weightDecay >= 0) || !(clipNorm >= 0)
                || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("the learning rate must be positive, weight decay and clipping at "
                    + "least 0; got " + learningRate + ", " + weightDecay + ", " + clipNorm);
        }
        if (!(warmupRatio >= 0 && warmupRatio <= 1)) {
            throw new IllegalArgumentException("the warmup ratio must be in [0, 1], got " + warmupRatio);
        }
    }

    /** The seed's settings (see the class comment) for {@code condition}, a checkpoint every 500 steps, keep 2. */
    public static ControlTokenTrainingSettings defaults(Condition condition) {
        return new ControlTokenTrainingSettings(condition, 1, 0, 64, 8, 5e-4, 0.1, 0.01, 1.0, 64, 42, 500, 2,
                false);
    }

    public ControlTokenTrainingSettings withEpochs(int passes) {
        return new ControlTokenTrainingSettings(condition, passes, 0, batchSize, accumulation, learningRate,
                weightDecay, warmupRatio, clipNorm, maxTokens, seed, saveEvery, keepCheckpoints, progress);
    }

    /** {@code updates} optimizer steps in all, whatever the epochs. */
    public ControlTokenTrainingSettings withSteps(long updates) {
        return new ControlTokenTrainingSettings(condition, epochs, updates, batchSize, accumulation, learningRate,
                weightDecay, warmupRatio, clipNorm, maxTokens, seed, saveEvery, keepCheckpoints, progress);
    }

    public ControlTokenTrainingSettings withBatchSize(int sequences) {
        return new ControlTokenTrainingSettings(condition, epochs, steps, sequences, accumulation, learningRate,
                weightDecay, warmupRatio, clipNorm, maxTokens, seed, saveEvery, keepCheckpoints, progress);
    }

    public ControlTokenTrainingSettings withAccumulation(int microBatches) {
        return new ControlTokenTrainingSettings(condition, epochs, steps, batchSize, microBatches, learningRate,
                weightDecay, warmupRatio, clipNorm, maxTokens, seed, saveEvery, keepCheckpoints, progress);
    }

    public ControlTokenTrainingSettings withLearningRate(double rate) {
        return new ControlTokenTrainingSettings(condition, epochs, steps, batchSize, accumulation, rate,
                weightDecay, warmupRatio, clipNorm, maxTokens, seed, saveEvery, keepCheckpoints, progress);
    }

    public ControlTokenTrainingSettings withWeightDecay(double decay) {
        return new ControlTokenTrainingSettings(condition, epochs, steps, batchSize, accumulation, learningRate,
                decay, warmupRatio, clipNorm, maxTokens, seed, saveEvery, keepCheckpoints, progress);
    }

    public ControlTokenTrainingSettings withWarmupRatio(double ratio) {
        return new ControlTokenTrainingSettings(condition, epochs, steps, batchSize, accumulation, learningRate,
                weightDecay, ratio, clipNorm, maxTokens, seed, saveEvery, keepCheckpoints, progress);
    }

    public ControlTokenTrainingSettings withClipNorm(double maxNorm) {
        return new ControlTokenTrainingSettings(condition, epochs, steps, batchSize, accumulation, learningRate,
                weightDecay, warmupRatio, maxNorm, maxTokens, seed, saveEvery, keepCheckpoints, progress);
    }

    public ControlTokenTrainingSettings withMaxTokens(int tokens) {
        return new ControlTokenTrainingSettings(condition, epochs, steps, batchSize, accumulation, learningRate,
                weightDecay, warmupRatio, clipNorm, tokens, seed, saveEvery, keepCheckpoints, progress);
    }

    public ControlTokenTrainingSettings withSeed(long dataSeed) {
        return new ControlTokenTrainingSettings(condition, epochs, steps, batchSize, accumulation, learningRate,
                weightDecay, warmupRatio, clipNorm, maxTokens, dataSeed, saveEvery, keepCheckpoints, progress);
    }

    public ControlTokenTrainingSettings withCheckpoints(int every, int keep) {
        return new ControlTokenTrainingSettings(condition, epochs, steps, batchSize, accumulation, learningRate,
                weightDecay, warmupRatio, clipNorm, maxTokens, seed, every, keep, progress);
    }

    /** Shows a progress bar on the terminal (only when stderr is one); {@link #defaults} shows none. */
    public ControlTokenTrainingSettings withProgressBar() {
        return new ControlTokenTrainingSettings(condition, epochs, steps, batchSize, accumulation, learningRate,
                weightDecay, warmupRatio, clipNorm, maxTokens, seed, saveEvery, keepCheckpoints, true);
    }
}
