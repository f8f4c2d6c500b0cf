package dev.rein.training.optim;

/**
 * Hyper-parameters of {@link Sgd} other than the groups' learning rate and weight decay, with torch.optim.SGD's
 * meanings and defaults ({@link #defaults()}: no momentum).
 *
 * @param momentum  factor of the previous update direction kept in the momentum buffer (0: plain SGD)
 * @param dampening how much less of the new gradient enters the buffer ({@code buf = momentum·buf + (1−dampening)·g})
 * @param nesterov  use Nesterov momentum; needs momentum above zero and no dampening
 */
public record SgdSettings(double momentum, double dampening, boolean nesterov) {
    public SgdSettings {
        if (!(momentum >= 0) || Double.isInfinite(momentum)) {
            throw new IllegalArgumentException("SGD: momentum must be a finite number >= 0, got " + momentum);
        }
        if (!Double.isFinite(dampening)) {
            throw new IllegalArgumentException("SGD: dampening must be finite, got " + dampening);
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum requires a momentum above zero and zero dampening"
                    + " (got momentum " + momentum + ", dampening " + dampening + ")");
        }
    }

    /** torch's defaults: momentum 0, dampening 0, no Nesterov. */
    public static SgdSettings defaults() {
        return new SgdSettings(0, 0, false);
    }

    /** Classical momentum without dampening. */
    public static SgdSettings momentum(double momentum) {
        return new SgdSettings(momentum, 0, false);
    }

    /** Nesterov momentum. */
    public static SgdSettings nesterov(double momentum) {
        return new SgdSettings(momentum, 0, true);
    }
}
