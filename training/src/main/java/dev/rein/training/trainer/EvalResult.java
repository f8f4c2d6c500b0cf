package dev.rein.training.trainer;

/**
 * The loss of a model on held-out data: the mean cross-entropy per target token over all of it (not a mean of
 * batch means, so batches of different sizes weigh by their tokens).
 *
 * @param loss    mean cross-entropy in nats per target
 * @param targets target tokens it averages over
 */
public record EvalResult(double loss, long targets) {
    /** exp(loss): the number of equally likely tokens the model hesitates between, on average. */
    public double perplexity() {
        return Math.exp(loss);
    }
}
