package dev.rein.steering.recontrol;

import java.util.Optional;

/**
 * The losses after one epoch of {@link ValueTrainer}, each term divided by the number of trajectories it covers.
 *
 * @param epoch   1 for the first
 * @param train   over the training rows, as the epoch's batches computed them (before each step)
 * @param heldOut over the held-out rows after the epoch, when some are held out
 */
public record EpochLosses(int epoch, Terms train, Optional<Terms> heldOut) {

    /**
     * Per-trajectory means of {@link BellmanLoss}'s terms.
     *
     * @param consistency Σ (V(s_t) − V(s_{t+1}))² over a trajectory's valid pairs, averaged over trajectories
     * @param terminal    (V(s_last) − r)², averaged over trajectories
     */
    public record Terms(double consistency, double terminal) {
        /** consistency + terminal: the loss RE-Control minimises. */
        public double total() {
            return consistency + terminal;
        }
    }
}
