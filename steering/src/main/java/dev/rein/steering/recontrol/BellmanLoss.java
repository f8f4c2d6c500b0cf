package dev.rein.steering.recontrol;

import dev.rein.autograd.Variable;
import dev.rein.tensor.Tensor;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * RE-Control's objective for the value function over a batch of B trajectories of T steps (METHODS.md 5.1 step 3):
 * <pre>
 *   consistency = Σ_b Σ_{t: m[b,t] and m[b,t+1]} (V(s_{b,t}) − V(s_{b,t+1}))²    undiscounted Bellman, no rewards
 *   terminal    = Σ_b (V(s_{b,last(b)}) − r_b)²                                  the reward at the end
 *   loss        = (consistency + terminal) / B
 * </pre>
 * where last(b) is the <b>last</b> valid step of row b: the state whose LM-head output produced the final token.
 * RE-Control's code takes {@code mask.argmax(dim=1)}, the first valid step, and so regresses the reward at s_0;
 * that bug is not reproduced.
 *
 * <p>With {@link #of} (RE-Control's code) gradients flow through both V(s_t) and V(s_{t+1}): the loss is an
 * ordinary function of the weights (residual-gradient training). With {@link #withNextDetached} V(s_{t+1}) is a
 * fixed target (semi-gradient TD, as with a target network). Both have the same minimum, V(s_t) = r along each
 * trajectory.
 *
 * @param consistency the summed Bellman term, a scalar
 * @param terminal    the summed terminal term, a scalar
 * @param rows        B
 */
public record BellmanLoss(Variable consistency, Variable terminal, int rows) {

    /**
     * The loss of {@code values} [B, T] (V at every step, valid or not) under {@code mask} [B, T] (nonzero at valid
     * steps; any dtype) against the terminal {@code rewards} [B], gradients flowing through both states of a pair.
     *
     * @throws IllegalArgumentException when the shapes disagree or a row has no valid step
     */
    public static BellmanLoss of(Variable values, Tensor mask, Tensor rewards) {
        return of(values, mask, rewards, UnaryOperator.identity());
    }

    /**
     * As {@link #of}, with V(s_{t+1}) of each pair detached: a fixed target, so only V(s_t) gets its gradient.
     *
     * @throws IllegalArgumentException when the shapes disagree or a row has no valid step
     */
    public static BellmanLoss withNextDetached(Variable values, Tensor mask, Tensor rewards) {
        return of(values, mask, rewards, Variable::detach);
    }

    private static BellmanLoss of(Variable values, Tensor mask, Tensor rewards, UnaryOperator<Variable> target) {
        checkShapes(values, mask, rewards);
        int b = values.size(0);
        int t = values.size(1);
        float[] valid = mask.toFloatArray();
        float[] pairs = new float[b * Math.max(t - 1, 0)];       // 1 where steps t and t+1 are both valid
        float[] last = new float[b * t];                          // 1 at each row's last valid step
        for (int row = 0; row < b; row++) {
            int lastStep = -1;
            for (int step = 0; step < t; step++) {
                if (valid[row * t + step] != 0) {
                    lastStep = step;
                    if (step + 1 < t && valid[row * t + step + 1] != 0) {
                        pairs[row * (t - 1) + step] = 1;
                    }
                }
            }
            if (lastStep < 0) {
                throw new IllegalArgumentException("row " + row + " of the batch has no valid step");
            }
            last[row * t + lastStep] = 1;
        }

        Variable consistency = Variable.constant(Tensor.scalar(0));
        if (t > 1) {
            Variable next = target.apply(values.narrow(1, 1, t - 1));
            Variable difference = values.narrow(1, 0, t - 1).sub(next);                          // [B, T-1]
            consistency = difference.mul(difference).mul(Variable.constant(Tensor.of(pairs, b, t - 1))).sum();
        }
        Variable terminalValues = values.mul(Variable.constant(Tensor.of(last, b, t))).sum(1);  // [B]
        Variable error = terminalValues.sub(Variable.constant(rewards));
        return new BellmanLoss(consistency, error.mul(error).sum(), b);
    }

    /** Refuses values that are not [B, T], a mask of another shape, or rewards that are not [B]. */
    static void checkShapes(Variable values, Tensor mask, Tensor rewards) {
        if (values.rank() != 2 || !Arrays.equals(mask.shape(), values.shape())
                || !Arrays.equals(rewards.shape(), new int[] {values.size(0)})) {
            throw new IllegalArgumentException("a value loss takes values [B, T], a mask of the same shape and "
                    + "rewards [B], got " + Arrays.toString(values.shape()) + ", " + Arrays.toString(mask.shape())
                    + " and " + Arrays.toString(rewards.shape()));
        }
    }

    /** (consistency + terminal) / B, what the optimizer minimises. */
    public Variable total() {
        return consistency.add(terminal).div(rows);
    }
}
