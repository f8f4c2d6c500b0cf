package dev.rein.steering.cie;

import dev.rein.training.adapters.LoraConfig;

/**
 * How {@link CieTrainer} trains: METHODS.md 1.3's settings by default (AdamW with weight decay 0.001, cosine schedule
 * with warmup ratio 0.03, gradient clipping at 0.3, learning rate 5e-5), full fine-tuning unless a LoRA config is
 * given. Gradient accumulation must stay 1 ({@link ControlledBatches} places each batch's controls as the batch is
 * read, so several micro-batches read before one pass would run with the last one's controls); the paper's
 * 1 × 4 is batch size 4 here, the same gradient.
 *
 * @param steps        optimizer updates
 * @param batchSize    rows per batch (one example per row, right-padded)
 * @param learningRate the peak learning rate
 * @param weightDecay  AdamW's decay of matrices and control tables (vectors are not decayed)
 * @param warmupRatio  the fraction of the steps the learning rate warms up over
 * @param clipNorm     the gradients' global norm limit (0: none)
 * @param accumulation micro-batches per update; anything but 1 is refused by {@link CieTrainer}
 * @param seed         the data order, the LoRA initialisation
 * @param lora         the LoRA adapter to train instead of all weights, or null for full fine-tuning
 * @param tableFactor  the control tables' learning rate as a multiple of {@code learningRate}; 1 (the default) is
 *                     the paper's one rate for everything. A larger factor is a departure that helps a table which
 *                     starts near zero catch up with embeddings that are already trained
 * @param saveEvery    write a resumable checkpoint (weights, tables, optimizer state, step, data position) every
 *                     this many steps and after the last; 0: none
 * @param keep         how many of the newest checkpoints to keep
 */
public record CieTrainingSettings(long steps, int batchSize, double learningRate, double weightDecay,
                                  double warmupRatio, double clipNorm, int accumulation, long seed, LoraConfig lora,
                                  double tableFactor, int saveEvery, int keep) {
    public CieTrainingSettings {
        if (!(tableFactor > 0) || !Double.isFinite(tableFactor)) {
            throw new IllegalArgumentException("the tables' learning-rate factor must be a positive number, got "
                    + tableFactor);
        }
        if (steps < 1 || batchSize < 1 || accumulation < 1 || keep < 1) {
            throw new IllegalArgumentException("steps, batch size, accumulation and checkpoints kept must be at "
                    + "least 1, got " + steps + ", " + batchSize + ", " + accumulation + ", " + keep);
        }
        if (saveEvery < 0) {
            throw new IllegalArgumentException("checkpoints are written every N >= 0 steps (0: none), got "
                    + saveEvery);
        }
        if (!(warmupRatio >= 0 && warmupRatio < 1)) {
            throw new IllegalArgumentException("the warmup ratio must be in [0, 1), got " + warmupRatio);
        }
    }

    /** The control tables' peak learning rate: {@code learningRate × tableFactor}. */
    public double tableLearningRate() {
        return learningRate * tableFactor;
    }

    /**
     * METHODS.md 1.3's settings for {@code steps} updates of batch 4, full fine-tuning, seed 42, the tables at the
     * backbone's rate (factor 1), no checkpoints.
     */
    public static CieTrainingSettings defaults(long steps) {
        return new CieTrainingSettings(steps, 4, 5e-5, 0.001, 0.03, 0.3, 1, 42, null, 1, 0, 1);
    }

    public CieTrainingSettings withBatchSize(int rows) {
        return new CieTrainingSettings(steps, rows, learningRate, weightDecay, warmupRatio, clipNorm, accumulation,
                seed, lora, tableFactor, saveEvery, keep);
    }

    public CieTrainingSettings withLearningRate(double rate) {
        return new CieTrainingSettings(steps, batchSize, rate, weightDecay, warmupRatio, clipNorm, accumulation, seed,
                lora, tableFactor, saveEvery, keep);
    }

    public CieTrainingSettings withAccumulation(int microBatches) {
        return new CieTrainingSettings(steps, batchSize, learningRate, weightDecay, warmupRatio, clipNorm, microBatches,
                seed, lora, tableFactor, saveEvery, keep);
    }

    public CieTrainingSettings withSeed(long dataSeed) {
        return new CieTrainingSettings(steps, batchSize, learningRate, weightDecay, warmupRatio, clipNorm, accumulation,
                dataSeed, lora, tableFactor, saveEvery, keep);
    }

    /** LoRA instead of full fine-tuning (the control tables are trained either way). */
    public CieTrainingSettings withLora(LoraConfig config) {
        return new CieTrainingSettings(steps, batchSize, learningRate, weightDecay, warmupRatio, clipNorm, accumulation,
                seed, config, tableFactor, saveEvery, keep);
    }

    /** The control tables trained at {@code factor} times the learning rate (a departure from the paper above 1). */
    public CieTrainingSettings withTableFactor(double factor) {
        return new CieTrainingSettings(steps, batchSize, learningRate, weightDecay, warmupRatio, clipNorm, accumulation,
                seed, lora, factor, saveEvery, keep);
    }

    /** A resumable checkpoint every {@code every} steps and after the last, the newest {@code kept} kept. */
    public CieTrainingSettings withCheckpoints(int every, int kept) {
        return new CieTrainingSettings(steps, batchSize, learningRate, weightDecay, warmupRatio, clipNorm, accumulation,
                seed, lora, tableFactor, every, kept);
    }
}
