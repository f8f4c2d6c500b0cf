package dev.rein.training.optim;

import java.util.List;

/**
 * Updates parameters in place from their accumulated gradients. Gradient accumulation needs nothing from the
 * optimizer: backward passes sum into {@code Variable.grad()} until {@link #step} and {@link #zeroGrad()}.
 *
 * <p>Implementations: {@link Sgd}, {@link Adam}, {@link AdamW}, {@link LaProp}.
 */
public interface Optimizer {
    /** The parameter groups, in the order given at construction. */
    List<ParameterGroup> groups();

    /**
     * One update from the current gradients at learning rate {@code group.learningRate() * learningRateFactor}
     * (the factor comes from a {@link LearningRateSchedule}); parameters whose grad is null are skipped.
     */
    void step(double learningRateFactor);

    /** Calls {@code zeroGrad()} on every parameter. */
    void zeroGrad();

    /** Updates taken so far (the bias corrections of the Adam family use it). */
    long steps();

    /**
     * Everything needed to continue exactly: the step count and named F32 tensors such as
     * {@code exp_avg/<parameter name>}. The tensors are the optimizer's own buffers, not copies: write them out
     * (or copy them) before the next {@link #step}.
     */
    OptimizerState state();

    /**
     * Restores a {@link #state()} of an optimizer of the same kind over parameters of the same names and shapes.
     * A missing, unexpected or mis-shaped tensor, or another kind, is an {@link IllegalArgumentException}
     * naming it; nothing is changed then.
     */
    void loadState(OptimizerState state);
}
