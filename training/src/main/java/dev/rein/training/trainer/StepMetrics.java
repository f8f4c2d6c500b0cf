package dev.rein.training.trainer;

/**
 * What one optimizer step did: a line of the metrics log.
 *
 * @param step            the step's number, from 1
 * @param epoch           epochs of training data read by the end of the step (fractional)
 * @param loss            mean loss per target token over the step's micro-batches (NaN when they held no target)
 * @param learningRate    the first parameter group's learning rate at this step (after the schedule)
 * @param gradNorm        the gradients' global L2 norm before clipping
 * @param tokens          tokens read in this step (padding not counted)
 * @param tokensPerSecond tokens over the step's wall-clock time
 * @param eval            the held-out loss after this step, or null when there was no evaluation
 */
public record StepMetrics(long step, double epoch, double loss, double learningRate, double gradNorm, long tokens,
                          double tokensPerSecond, EvalResult eval) {
}
