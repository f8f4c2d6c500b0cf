package dev.rein.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Binary cross-entropy with logits against soft targets: its value, its gradient and a gradcheck. */
class BinaryCrossEntropyTest {
    private static final float[] LOGITS = {-40f, -2.5f, 0f, 0.75f, 3f, 60f};
    private static final float[] TARGETS = {0.1f, 0f, 0.5f, 0.9f, 1f, 0.3f};

    @Test
    void isTheLogLossOfTheSigmoidWithoutOverflowing() {
        Variable loss = LossFunctions.binaryCrossEntropyWithLogits(Variable.constant(Tensor.of(LOGITS, 6, 1)),
                Tensor.of(TARGETS, 6, 1));
        double expected = 0;
        for (int i = 0; i < LOGITS.length; i++) {
            double z = LOGITS[i];
            double y = TARGETS[i];
            // log sigmoid(z) = -log(1 + e^-z), log(1 - sigmoid(z)) = -log(1 + e^z), each written to stay finite
            double logP = z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
            double logNotP = z >= 0 ? -z - Math.log1p(Math.exp(-z)) : -Math.log1p(Math.exp(z));
            expected -= y * logP + (1 - y) * logNotP;
        }
        assertEquals(expected / LOGITS.length, loss.value().item(), 1e-5);
    }

    @Test
    void itsGradientIsTheSigmoidMinusTheTargetOverTheCount() {
        Variable logits = Variable.parameter(Tensor.of(LOGITS, 6, 1));
        LossFunctions.binaryCrossEntropyWithLogits(logits, Tensor.of(TARGETS, 6, 1)).backward();
        float[] grad = logits.grad().toFloatArray();
        for (int i = 0; i < LOGITS.length; i++) {
            double sigmoid = 1 / (1 + Math.exp(-LOGITS[i]));
            assertEquals((sigmoid - TARGETS[i]) / LOGITS.length, grad[i], 1e-7, "logit " + LOGITS[i]);
        }
    }

    @Test
    void passesAFiniteDifferenceCheck() {
        Tensor targets = Tensor.of(new float[] {0.1f, 0.9f, 0.5f, 0f}, 4, 1);
        Gradcheck.check("binary cross entropy", v -> LossFunctions.binaryCrossEntropyWithLogits(v.get(0), targets),
                Inputs.uniform(7, -3f, 3f, 4, 1));
    }
}
