package dev.rein.autograd;

import dev.rein.tensor.NeuralOps;
import dev.rein.tensor.Tensor;

/** Differentiable losses. */
public final class LossFunctions {
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
}
