package dev.rein.steering.recontrol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.autograd.Variable;
import dev.rein.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonteCarloLossTest {
    // two trajectories of 4 steps: row 0 took 3 steps, row 1 took 2
    private static final Tensor VALUES = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4);
    private static final Tensor MASK = Tensor.ofBools(new boolean[] {
            true, true, true, false,
            true, true, false, false}, 2, 4);
    private static final Tensor REWARDS = Tensor.of(10f, 20f);

    @Test
    void everyValidStepIsRegressedToItsTrajectorysReward() {
        MonteCarloLoss loss = MonteCarloLoss.of(Variable.constant(VALUES), MASK, REWARDS);
        // (1-10)^2 + (2-10)^2 + (3-10)^2 + (5-20)^2 + (6-20)^2 = 81 + 64 + 49 + 225 + 196; steps 4, 7, 8 never count
        assertEquals(615f, loss.squaredError().value().item());
        assertEquals(615f / 2, loss.total().value().item());
    }

    @Test
    void theGradientReachesTheValidStepsOnly() {
        Variable values = Variable.parameter(VALUES);
        Variable total = MonteCarloLoss.of(values, MASK, REWARDS).total();
        float[] gradient = Variable.gradients(total, Tensor.ones(total.shape()), List.of(values)).getFirst()
                .toFloatArray();
        assertArrayEquals(new float[] {-9, -8, -7, 0, -15, -14, 0, 0}, gradient, 0f);  // 2 (v - r) / B
    }

    @Test
    void mismatchedShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MonteCarloLoss.of(Variable.constant(VALUES), MASK,
                Tensor.of(1f, 2f, 3f)));
    }
}
