package dev.rein.eval.toxicity;

import dev.rein.autograd.Variable;
import dev.rein.tensor.Tensor;

/**
 * Binary cross-entropy of logits z against soft targets y in [0, 1] (torch's {@code binary_cross_entropy_with_logits}):
 * {@code -(y log sigmoid(z) + (1 - y) log sigmoid(-z))}. It is computed as the cross-entropy of the two-class logits
 * [0, z] against [1 - y, y], whose log-softmax stays finite for any z and whose gradient is exactly
 * {@code sigmoid(z) - y}, also at z = 0 (where a form with max(z, 0) and |z| has only a one-sided derivative).
 */
final class SoftBinaryCrossEntropy {
    /** Multiplying logits [B, 1] by it gives the two-class logits [B, 2] = [0, z]. */
    private static final Tensor TO_TWO_CLASSES = Tensor.of(new float[] {0f, 1f}, 1, 2);

    private SoftBinaryCrossEntropy() {
    }

    /** The mean loss of {@code logits} [B, 1] against {@code targets} [B, 1], a scalar. */
    static Variable mean(Variable logits, Tensor targets) {
        int b = targets.size(0);
        float[] y = targets.contiguous().toFloatArray();
        float[] twoClass = new float[2 * b];
        for (int i = 0; i < b; i++) {
            twoClass[2 * i] = 1 - y[i];
            twoClass[2 * i + 1] = y[i];
        }
        Variable logProbabilities = logits.mul(Variable.constant(TO_TWO_CLASSES)).logSoftmax(-1);
        return logProbabilities.mul(Variable.constant(Tensor.of(twoClass, b, 2))).sum(1).mean().neg();
    }
}
