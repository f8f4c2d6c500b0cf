package dev.rein.autograd;

import static dev.rein.autograd.Inputs.uniform;

import dev.rein.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Gradchecks of cross-entropy with ignored targets and label smoothing. */
class LossGradTest {
    private final Tensor logits = uniform(111, -3f, 3f, 5, 7);
    private final Tensor targets = Tensor.ofLongs(new long[] {1, -100, 3, 6, -100}, 5);

    @Test
    void crossEntropyWithIgnoredTargets() {
        Gradcheck.check("cross entropy", v -> LossFunctions.crossEntropy(v.get(0), targets), logits);
    }

    @Test
    void crossEntropyWithLabelSmoothing() {
        Gradcheck.check("smoothed", v -> LossFunctions.crossEntropy(v.get(0), targets, 0.1f), logits);
    }

    @Test
    void rowsLongerThanAVector() {
        Tensor wide = uniform(112, -3f, 3f, 3, 37);
        Tensor wideTargets = Tensor.ofLongs(new long[] {36, -100, 8}, 3);
        Gradcheck.check("37 classes", v -> LossFunctions.crossEntropy(v.get(0), wideTargets, 0.2f), wide);
    }

    @Test
    void everyTargetIgnoredGivesZeroGradient() {
        Tensor ignored = Tensor.ofLongs(new long[] {-100, -100, -100, -100, -100}, 5);
        Gradcheck.check("all ignored", v -> LossFunctions.crossEntropy(v.get(0), ignored), logits);
    }
}
