package dev.rein.tensor;

/**
 * Which of the two row softmaxes a {@link Backend} computes (or differentiates): a named value for
 * {@link Backend#softmaxRows} and {@link Backend#softmaxGradRows} instead of a boolean flag.
 */
public enum SoftmaxOp {
    /** exp(x - max) / sum(exp(x - max)). */
    SOFTMAX,
    /** x - max - log(sum(exp(x - max))), without the loss of precision of log(softmax(x)). */
    LOG_SOFTMAX
}
