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
     * for kept rows, 0 for ignored rows (count = number of kept rows).
     */
    public static Variable crossEntropy(Variable logits, Tensor targets, float labelSmoothing) {
        Tensor lv = logits.value();
        Tensor loss = NeuralOps.crossEntropy(lv, targets, labelSmoothing);
        return Variable.fromOp("cross_entropy", loss, Edge.of(logits, g -> {
            int rows = lv.size(0);
            int classes = lv.size(1);
            long[] t = targets.toLongArray();
            float[] target = new float[rows * classes];
            float[] kept = new float[rows];
            int count = 0;
            for (int i = 0; i < rows; i++) {
                if (t[i] == NeuralOps.IGNORE_INDEX) {
                    continue;
                }
                count++;
                kept[i] = 1f;
                for (int c = 0; c < classes; c++) {
                    target[i * classes + c] = labelSmoothing / classes;
                }
                target[i * classes + (int) t[i]] += 1f - labelSmoothing;
            }
            Tensor perRow = NeuralOps.softmax(lv, 1).mul(Tensor.of(kept, rows, 1)).sub(Tensor.of(target, rows, classes));
            return perRow.mul(g).div(Math.max(count, 1));
        }));
    }

    /** Cross-entropy without label smoothing. */
    public static Variable crossEntropy(Variable logits, Tensor targets) {
        return crossEntropy(logits, targets, 0f);
    }
}
