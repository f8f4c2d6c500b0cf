package dev.rein.training.optim;

/**
 * The factor by which the groups' base learning rates are multiplied, as a function of the update number;
 * passed to {@link Optimizer#step(double)}. Implementations and the parser of command-line specs are in
 * {@link LearningRateSchedules}.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /** The factor of the base learning rate for update number {@code step} (0-based), as Hugging Face's LambdaLR. */
    double factor(long step);
}
