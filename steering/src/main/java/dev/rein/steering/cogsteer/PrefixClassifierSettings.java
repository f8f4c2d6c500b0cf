package dev.rein.steering.cogsteer;

/**
 * How a {@link PrefixClassifier} is trained; {@link #defaults()} are METHODS.md 4.4's for GPT-2 (the glue/
 * scripts): lr 2e-5, batch 32, weight decay 1e-4, 2 epochs, a tenth of the steps warming up, then cosine, texts cut
 * to 128 tokens. The held-out share (the scripts score GLUE's validation split) is Rein's choice.
 *
 * @param learningRate peak rate of AdamW
 * @param batchSize    rows per step
 * @param weightDecay  AdamW's decay, on matrices only
 * @param epochs       passes over the training rows
 * @param warmupRatio  share of the steps warming up linearly from 0
 * @param maxTokens    tokens a text is cut to
 * @param heldOutShare share of the rows held out for scoring
 * @param seed         seed of the classifier's draw, the held-out split and the row order
 */
public record PrefixClassifierSettings(double learningRate, int batchSize, double weightDecay, int epochs,
                                       double warmupRatio, int maxTokens, double heldOutShare, long seed) {
    /** @throws IllegalArgumentException naming the setting out of range */
    public PrefixClassifierSettings {
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        if (batchSize < 1 || epochs < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("batch size, epochs and max tokens must be at least 1");
        }
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        if (!(warmupRatio >= 0 && warmupRatio <= 1)) {
            throw new IllegalArgumentException("warmup ratio must be in [0, 1], got " + warmupRatio);
        }
        if (!(heldOutShare > 0 && heldOutShare < 1)) {
            throw new IllegalArgumentException("held-out share must be in (0, 1), got " + heldOutShare);
        }
    }

    /** METHODS.md 4.4's GPT-2 settings, a fifth of the rows held out, seed 42. */
    public static PrefixClassifierSettings defaults() {
        return new PrefixClassifierSettings(2e-5, 32, 1e-4, 2, 0.1, 128, 0.2, 42);
    }

    public PrefixClassifierSettings withLearningRate(double rate) {
        return new PrefixClassifierSettings(rate, batchSize, weightDecay, epochs, warmupRatio, maxTokens,
                heldOutShare, seed);
    }

    public PrefixClassifierSettings withBatchSize(int size) {
        return new PrefixClassifierSettings(learningRate, size, weightDecay, epochs, warmupRatio, maxTokens,
                heldOutShare, seed);
    }

    public PrefixClassifierSettings withEpochs(int count) {
        return new PrefixClassifierSettings(learningRate, batchSize, weightDecay, count, warmupRatio, maxTokens,
                heldOutShare, seed);
    }

    public PrefixClassifierSettings withSeed(long value) {
        return new PrefixClassifierSettings(learningRate, batchSize, weightDecay, epochs, warmupRatio, maxTokens,
                heldOutShare, value);
    }
}
