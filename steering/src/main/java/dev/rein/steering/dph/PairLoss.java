package dev.rein.steering.dph;

import dev.rein.autograd.LossFunctions;
import dev.rein.autograd.Variable;
import dev.rein.tensor.Tensor;

/**
 * A loss over a batch of preference pairs and what DPH logs with it (METHODS.md 3.2): accuracy, the share of pairs
 * whose chosen score beats the rejected one, and margin, the mean difference. Every loss here is the mean
 * label-smoothed logistic loss {@code ℓ(x, y) = −y·log σ(x) − (1 − y)·log σ(−x)}
 * ({@link LossFunctions#binaryCrossEntropyWithLogits}) of some x:
 * <pre>
 * separable DPH    ℓ(r⁺, 1 − ε) + ℓ(r⁻, ε)
 * contrastive DPH  ℓ(r⁺ − r⁻, 1 − ε)
 * cDPO             ℓ(z, 1 − ε),  z = β·[(s_π⁺ − s_π⁻) − (s_ref⁺ − s_ref⁻)]
 * </pre>
 *
 * @param loss     the scalar loss, with gradients
 * @param accuracy mean[score⁺ > score⁻]
 * @param margin   mean(score⁺ − score⁻): the rewards' for DPH, z for cDPO
 */
public record PairLoss(Variable loss, double accuracy, double margin) {

    /**
     * DPH's loss of the rewards of the chosen and rejected replies, [B, 1] each.
     *
     * @param smoothing ε, in [0, 1)
     */
    public static PairLoss dph(Variable chosen, Variable rejected, DphObjective objective, double smoothing) {
        check(smoothing);
        Variable loss = switch (objective) {
            case SEPARABLE -> LossFunctions.binaryCrossEntropyWithLogits(chosen, filled(chosen, 1 - smoothing))
                    .add(LossFunctions.binaryCrossEntropyWithLogits(rejected, filled(rejected, smoothing)));
            case CONTRASTIVE -> LossFunctions.binaryCrossEntropyWithLogits(chosen.sub(rejected),
                    filled(chosen, 1 - smoothing));
        };
        return withMetrics(loss, chosen.value(), rejected.value());
    }

    /**
     * cDPO's loss (METHODS.md 3.2) of the policy's and the frozen reference's log-probabilities of the chosen and
     * rejected replies, [B, 1] each ({@link ReplyLogProbs}); equal to log 2 while the policy is the reference.
     *
     * @param beta      β, the inverse temperature, above 0
     * @param smoothing ε, in [0, 1)
     */
    public static PairLoss cdpo(Variable policyChosen, Variable policyRejected, Tensor referenceChosen,
                                Tensor referenceRejected, double beta, double smoothing) {
        check(smoothing);
        if (!(beta > 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("beta must be above 0, got " + beta);
        Variable z = policyChosen.sub(policyRejected)
                .sub(Variable.constant(referenceChosen.sub(referenceRejected))).mul((float) beta);
        Variable loss = LossFunctions.binaryCrossEntropyWithLogits(z, filled(z, 1 - smoothing));
        return withMetrics(loss, z.value(), Tensor.zeros(z.shape()));
    }

    private static PairLoss withMetrics(Variable loss, Tensor chosen, Tensor rejected) {
        float[] plus = chosen.contiguous().toFloatArray();
        float[] minus = rejected.contiguous().toFloatArray();
        double wins = 0;
        double difference = 0;
        for (int i = 0; i < plus.length; i++) {
            wins += plus[i] > minus[i] ? 1 : 0;
            difference += plus[i] - minus[i];
        }
        return new PairLoss(loss, wins / plus.length, difference / plus.length);
    }

    private static Tensor filled(Variable like, double value) {
        return Tensor.full((float) value, like.shape());
    }

    private static void check(double smoothing) {
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + smoothing);
        }
    }
}
