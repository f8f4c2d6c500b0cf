package dev.rein.steering.recontrol;

/**
 * What {@link ValueTrainer} fits a value function to. All three have the same ideal, V(s_t) = r at every step of a
 * trajectory with terminal reward r (no discount, no intermediate rewards); they differ in how a value function that
 * cannot reach it is pulled.
 */
public enum ValueObjective {
    /**
     * RE-Control's: {@link BellmanLoss}, consistency between consecutive steps with gradients through both, plus
     * the terminal reward at the last step. Only the last state is tied to the reward, so the value learns what the
     * last states say about it; when a response was cut at a token limit they may say little.
     */
    BELLMAN,
    /** {@link BellmanLoss} with V(s_{t+1}) a fixed target (semi-gradient TD(0), as with a target network). */
    BELLMAN_DETACHED,
    /**
     * {@link MonteCarloLoss}: every valid step regressed to its trajectory's terminal reward, the Monte-Carlo return
     * (no bootstrapping), so every state's relation to the reward is learned, not only the last one's.
     */
    MONTE_CARLO
}
