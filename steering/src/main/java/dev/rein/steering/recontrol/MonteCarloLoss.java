package dev.rein.steering.recontrol;

import dev.rein.autograd.Variable;
import dev.rein.tensor.Tensor;

/**
 * The Monte-Carlo alternative to {@link BellmanLoss} over a batch of B trajectories
 * ({@link ValueObjective#MONTE_CARLO}):
 * <pre>
 *   loss = Σ_b Σ_{t: m[b,t]} (V(s_{b,t}) − r_b)² / B
 * </pre>
 * each valid state regressed to its trajectory's terminal reward. It has the Bellman loss's minimum, V(s_t) = r along
 * each trajectory, and the same normalisation, but ties every state to the reward instead of only the last one.
 *
 * @param squaredError the summed term, a scalar
 * @param rows         B
 */
public record MonteCarloLoss(Variable squaredError, int rows) {

    /**
     * The loss of {@code values} [B, T] under {@code mask} [B, T] (nonzero at valid steps) against the terminal
     * {@code rewards} [B].
     *
     * @throws IllegalArgumentException when the shapes disagree
     */
    public static MonteCarloLoss of(Variable values, Tensor mask, Tensor rewards) {
        BellmanLoss.checkShapes(values, mask, rewards);
        int b = values.size(0);
        int t = values.size(1);
        float[] valid = mask.toFloatArray();
        float[] weights = new float[b * t];
        for (int i = 0; i < valid.length; i++) weights[i] = valid[i] != 0 ? 1 : 0;
        Variable error = values.sub(Variable.constant(rewards.reshape(b, 1)));                      // [B, T]
        return new MonteCarloLoss(error.mul(error).mul(Variable.constant(Tensor.of(weights, b, t))).sum(), b);
    }

    /** The summed squared error / B, what the optimizer minimises. */
    public Variable total() {
        return squaredError.div(rows);
    }
}
