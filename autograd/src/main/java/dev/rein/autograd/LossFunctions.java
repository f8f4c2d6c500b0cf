package dev.rein.autograd;

import dev.rein.tensor.NeuralOps;
import dev.rein.tensor.Tensor;

/** Differentiable losses. */
public final class LossFunctions {
    /** Multiplying logits [B, 1] by it gives the two-class logits [B, 2] = [0, z]. */
    private static final Tensor TO_TWO_CLASSES = Tensor.of(new float[] {0f, 1f}, 1, 2);

    private LossFunctions() {
    }

    /**
     * Mean cross-entropy of logits [N, C] against targets [N] (I32/I64, not differentiable), skipping targets
     * equal to {@link NeuralOps#IGNORE_INDEX}, with label smoothing {@code eps} (target distribution
     * (1 - eps) one_hot + eps / C). Backward: d logits row i = d loss * (softmax(logits_i) - target_i) / count
     * for kept rows, 0 for ignored rows (count = number of kept rows), in one pass over the logits
     * ({@link NeuralOps#crossEntropyGrad}).
     */
    public static Variable crossEntropy(Variable logits, Tensor targets, float labelSmoothing) {
        Tensor lv = logits.value();
        Tensor loss = NeuralOps.crossEntropy(lv, targets, labelSmoothing);
        return Variable.fromOp("cross_entropy", loss,
                Edge.of(logits, g -> NeuralOps.crossEntropyGrad(lv, targets, labelSmoothing, g.item())));
    }

    /** Cross-entropy without label smoothing. */
    public static Variable crossEntropy(Variable logits, Tensor targets) {
        return crossEntropy(logits, targets, 0f);
    }

    /**
     * Mean binary cross-entropy of logits z [B, 1] against soft targets y [B, 1] in [0, 1] (torch's
     * {@code binary_cross_entropy_with_logits}): {@code -(y log sigmoid(z) + (1 - y) log sigmoid(-z))}, a scalar.
     * Computed as the cross-entropy of the two-class logits [0, z] against [1 - y, y], whose log-softmax stays finite
     * for any z and whose gradient is exactly {@code (sigmoid(z) - y) / B}, also at z = 0 (where a form with
     * max(z, 0) and |z| has only a one-sided derivative). Composed of differentiable ops, so it needs no backward
     * of its own.
     */
    public static Variable binaryCrossEntropyWithLogits(Variable logits, Tensor targets) {
        int b = targets.size(0);
        float[] y = targets.contiguous().toFloatArray();
        float[] twoClass = new float[2 * b];
        for (int i = 0; i < b; i++) {
            twoClass[2 * i] = 1 - y[i];
            twoClass[2 * i + 1] = y[i];
        }
        Variable logProbabilities = logits.mul(Variable.constant(TO_TWO_CLASSES)).logSoftmax(-1);     // [B, 2]
        return logProbabilities.mul(Variable.constant(Tensor.of(twoClass, b, 2))).sum(1).mean().neg();
    }
}
