package dev.rein.steering.cogsteer;

/**
 * How a one-layer adapter is trained; {@link #defaults()} are METHODS.md 4.2's for GPT-2 (the HF path): lr 5e-5,
 * batch 64, weight decay 0.01, cosine without warmup, 5 epochs, evaluation every 300 steps keeping the best
 * checkpoint by held-out loss, blocks of 50 tokens. The held-out share (the scripts use a separate test file) is
 * Rein's choice.
 *
 * @param learningRate  peak rate of AdamW
 * @param batchSize     blocks per step
 * @param weightDecay   AdamW's decay, on matrices only
 * @param epochs        passes over the training blocks
 * @param evalEvery     steps between held-out evaluations (and one at the end)
 * @param blockLength   tokens per block
 * @param heldOutShare  share of the documents held out for the evaluation
 * @param seed          seed of the adapter's draw, the held-out split and the block order
 */
public record AdapterTrainingSettings(double learningRate, int batchSize, double weightDecay, int epochs,
                                      int evalEvery, int blockLength, double heldOutShare, long seed) {
    /** @throws IllegalArgumentException naming the setting out of range */
    public AdapterTrainingSettings {
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        if (batchSize < 1 || epochs < 1 || evalEvery < 1) {
            throw new IllegalArgumentException("batch size, epochs and evaluation interval must be at least 1");
        }
        if (blockLength < 2) throw new IllegalArgumentException("blocks need at least 2 tokens, got " + blockLength);
        if (!(heldOutShare > 0 && heldOutShare < 1)) {
            throw new IllegalArgumentException("held-out share must be in (0, 1), got " + heldOutShare);
        }
    }

    /** METHODS.md 4.2's settings, a tenth of the documents held out, seed 42. */
    public static AdapterTrainingSettings defaults() {
        return new AdapterTrainingSettings(5e-5, 64, 0.01, 5, 300, 50, 0.1, 42);
    }

    public AdapterTrainingSettings withLearningRate(double rate) {
        return new AdapterTrainingSettings(rate, batchSize, weightDecay, epochs, evalEvery, blockLength, heldOutShare,
                seed);
    }

    public AdapterTrainingSettings withBatchSize(int size) {
        return new AdapterTrainingSettings(learningRate, size, weightDecay, epochs, evalEvery, blockLength,
                heldOutShare, seed);
    }

    public AdapterTrainingSettings withEpochs(int count) {
        return new AdapterTrainingSettings(learningRate, batchSize, weightDecay, count, evalEvery, blockLength,
                heldOutShare, seed);
    }

    public AdapterTrainingSettings withEvalEvery(int steps) {
        return new AdapterTrainingSettings(learningRate, batchSize, weightDecay, epochs, steps, blockLength,
                heldOutShare, seed);
    }

    public AdapterTrainingSettings withSeed(long value) {
        return new AdapterTrainingSettings(learningRate, batchSize, weightDecay, epochs, evalEvery, blockLength,
                heldOutShare, value);
    }
}
