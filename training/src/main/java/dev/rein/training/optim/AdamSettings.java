package dev.rein.training.optim;

/**
 * Hyper-parameters of the Adam family ({@link Adam}, {@link AdamW}, {@link LaProp}) other than the groups' learning
 * rate and weight decay, with torch's meanings and defaults ({@link #defaults()}: betas 0.9 and 0.999, eps 1e-8).
 *
 * @param beta1   decay of the running average of the gradient (the momentum)
 * @param beta2   decay of the running average of the squared gradient
 * @param epsilon added to the root of the second moment before dividing by it
 */
public record AdamSettings(double beta1, double beta2, double epsilon) {
    public AdamSettings {
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        }
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a finite number >= 0, got " + epsilon);
        }
    }

    /** torch's defaults: betas (0.9, 0.999), eps 1e-8. */
    public static AdamSettings defaults() {
        return new AdamSettings(0.9, 0.999, 1e-8);
    }
}
