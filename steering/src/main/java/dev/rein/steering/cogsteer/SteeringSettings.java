package dev.rein.steering.cogsteer;

/**
 * The knobs of CogSteer's inference-time intervention (METHODS.md 4.3, from Leong et al.'s toxification reversal).
 *
 * @param normExponent   p in s = (1 + ‖δ‖)^p (norm_exp, 0.4)
 * @param norm           whether the edited heads keep their original norm (renorm)
 * @param contrastWeight w in logits − w·logits_adapter, used when the adapter sits in the last layer (0.1)
 */
public record SteeringSettings(double normExponent, Norm norm, double contrastWeight) {
    /** What happens to the norm of the edited attention output. */
    public enum Norm {
        /** a' = a − s·δ as it comes. */
        AS_EDITED,
        /** a' rescaled so its norm over (heads, d_h) equals the unedited a's. */
        RENORMALISED
    }

    /** @throws IllegalArgumentException when a number is not finite */
    public SteeringSettings {
        if (!Double.isFinite(normExponent) || !Double.isFinite(contrastWeight)) {
            throw new IllegalArgumentException("norm exponent and contrast weight must be finite");
        }
        if (norm == null) throw new IllegalArgumentException("a norm treatment is required");
    }

    /** The paper's: p = 0.4, no renormalisation, contrast weight 0.1. */
    public static SteeringSettings defaults() {
        return new SteeringSettings(0.4, Norm.AS_EDITED, 0.1);
    }

    public SteeringSettings withNormExponent(double p) {
        return new SteeringSettings(p, norm, contrastWeight);
    }

    public SteeringSettings withNorm(Norm treatment) {
        return new SteeringSettings(normExponent, treatment, contrastWeight);
    }
}
