package dev.rein.steering.dph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.autograd.Gradcheck;
import dev.rein.autograd.Variable;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.TensorRandom;
import org.junit.jupiter.api.Test;

class PairLossTest {
    private static final float[] PLUS = {1.5f, -0.5f, 0.25f};
    private static final float[] MINUS = {-1f, 0.5f, 0.75f};

    private static double logSigmoid(double x) {
        return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
    }

    @Test
    void separableIsTwoSmoothedCrossEntropiesWithAccuracyAndMargin() {
        PairLoss loss = PairLoss.dph(column(PLUS), column(MINUS), DphObjective.SEPARABLE, 0.1);
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            expected -= 0.9 * logSigmoid(PLUS[i]) + 0.1 * logSigmoid(-PLUS[i]);
            expected -= 0.1 * logSigmoid(MINUS[i]) + 0.9 * logSigmoid(-MINUS[i]);
        }
        assertEquals(expected / 3, loss.loss().value().item(), 1e-5);
        assertEquals(1 / 3.0, loss.accuracy(), 1e-12);
        assertEquals((2.5 - 1 - 0.5) / 3, loss.margin(), 1e-6);
    }

    @Test
    void contrastiveSeesOnlyTheDifference() {
        PairLoss loss = PairLoss.dph(column(PLUS), column(MINUS), DphObjective.CONTRASTIVE, 0.2);
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            double d = PLUS[i] - MINUS[i];
            expected -= 0.8 * logSigmoid(d) + 0.2 * logSigmoid(-d);
        }
        assertEquals(expected / 3, loss.loss().value().item(), 1e-5);
    }

    @Test
    void cdpoIsLogTwoWhileThePolicyIsTheReference() {
        Tensor chosen = Tensor.of(new float[] {-12f, -30f}, 2, 1);
        Tensor rejected = Tensor.of(new float[] {-15f, -20f}, 2, 1);
        PairLoss loss = PairLoss.cdpo(Variable.constant(chosen), Variable.constant(rejected), chosen, rejected, 0.1, 0.1);
        assertEquals(Math.log(2), loss.loss().value().item(), 1e-7);
        assertEquals(0, loss.margin());
    }

    @Test
    void gradientsPassAFiniteDifferenceCheck() {
        Tensor plus = new TensorRandom(3).uniform(-2f, 2f, 4, 1);
        Tensor minus = new TensorRandom(4).uniform(-2f, 2f, 4, 1);
        Tensor reference = new TensorRandom(5).uniform(-2f, 2f, 4, 1);
        for (DphObjective objective : DphObjective.values()) {
            Gradcheck.check(objective.name(), v -> PairLoss.dph(v.get(0), v.get(1), objective, 0.1).loss(),
                    plus, minus);
        }
        Gradcheck.check("cdpo", v -> PairLoss.cdpo(v.get(0), v.get(1), reference, reference.neg(), 0.5, 0.1).loss(),
                plus, minus);
    }

    private static Variable column(float[] values) {
        return Variable.constant(Tensor.of(values, values.length, 1));
    }
}
