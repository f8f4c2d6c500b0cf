package dev.rein.steering.recontrol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.autograd.Variable;
import dev.rein.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BellmanLossTest {
    // two trajectories of 4 steps: row 0 took 3 steps, row 1 took 2
    private static final Tensor VALUES = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4);
    private static final Tensor MASK = Tensor.ofBools(new boolean[] {
            true, true, true, false,
            true, true, false, false}, 2, 4);
    private static final Tensor REWARDS = Tensor.of(10f, 20f);

    @Test
    void consecutiveValidPairsAndTheRewardAtTheRealLastStep() {
        BellmanLoss loss = BellmanLoss.of(Variable.constant(VALUES), MASK, REWARDS);
        // pairs: (1-2)^2 + (2-3)^2 in row 0, (5-6)^2 in row 1; the invalid steps 4, 7, 8 never count
        assertEquals(3f, loss.consistency().value().item());
        // the last valid steps hold 3 and 6: (3-10)^2 + (6-20)^2 = 49 + 196; RE-Control's argmax bug would
        // regress at the first steps instead: (1-10)^2 + (5-20)^2 = 306
        assertEquals(245f, loss.terminal().value().item());
        assertEquals((3f + 245f) / 2, loss.total().value().item());
    }

    @Test
    void gradientsFlowThroughBothStatesOfAPairUnlessTheNextIsDetached() {
        assertArrayEquals(new float[] {-1, 0, -6, 0, -1, -13, 0, 0},
                gradient(values -> BellmanLoss.of(values, MASK, REWARDS)), 0f);
        // d/dv_t of (v_t - v_{t+1})^2 / B only, plus the terminal term at the last steps
        assertArrayEquals(new float[] {-1, -1, -7, 0, -1, -14, 0, 0},
                gradient(values -> BellmanLoss.withNextDetached(values, MASK, REWARDS)), 0f);
    }

    @Test
    void aSingleStepIsTheTerminalTermAlone() {
        BellmanLoss loss = BellmanLoss.of(Variable.constant(Tensor.of(new float[] {2}, 1, 1)),
                Tensor.ofBools(new boolean[] {true}, 1, 1), Tensor.of(5f));
        assertEquals(0f, loss.consistency().value().item());
        assertEquals(9f, loss.total().value().item());
    }

    @Test
    void aRowWithoutValidStepsOrMismatchedShapesAreRefused() {
        Tensor empty = Tensor.ofBools(new boolean[8], 2, 4);
        assertThrows(IllegalArgumentException.class, () -> BellmanLoss.of(Variable.constant(VALUES), empty, REWARDS));
        assertThrows(IllegalArgumentException.class, () -> BellmanLoss.of(Variable.constant(VALUES), MASK,
                Tensor.of(1f, 2f, 3f)));
    }

    private static float[] gradient(Function<Variable, BellmanLoss> loss) {
        Variable values = Variable.parameter(VALUES);
        Variable total = loss.apply(values).total();
        return Variable.gradients(total, Tensor.ones(total.shape()), List.of(values)).getFirst().toFloatArray();
    }
}
