package dev.rein.steering.recontrol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.Variable;
import dev.rein.models.hooks.HookContext;
import dev.rein.models.hooks.HookPoint;
import dev.rein.models.hooks.HookPoints;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.TensorRandom;
import org.junit.jupiter.api.Test;

class ValueGuidanceTest {
    private static final int H = 8;
    private static final ValueFunction VALUE = ValueFunction.create(
            ValueModelConfig.uniform(HookPoints.FINAL_NORMALIZED, H, 2, 16), 9);
    private static final Tensor STATES = new TensorRandom(21).normal(0f, 1f, 2, 3, H);

    @Test
    void everyPositionMovesUphillOnTheValue() {
        Tensor edited = new ValueGuidance(VALUE, 5, 0.1f, ValueGuidance.UNBOUNDED, ValueGuidance.Positions.ALL)
                .edit(STATES);
        float[] before = VALUE.values(STATES).toFloatArray();
        float[] after = VALUE.values(edited).toFloatArray();
        float[] slope = norms(VALUE.inputGradient(STATES));
        for (int i = 0; i < before.length; i++) {
            assertTrue(slope[i] > 0, "position " + i + " has a gradient");
            assertTrue(after[i] > before[i], "position " + i + ": " + before[i] + " -> " + after[i]);
        }
    }

    @Test
    void oneStepIsTheGradientTimesTheStepSize() {
        Tensor edited = new ValueGuidance(VALUE, 1, 0.25f, ValueGuidance.UNBOUNDED, ValueGuidance.Positions.ALL)
                .edit(STATES);
        assertArrayEquals(STATES.add(VALUE.inputGradient(STATES).mul(0.25f)).toFloatArray(), edited.toFloatArray());
    }

    @Test
    void eachPositionsEditStaysWithinTheNormBound() {
        float radius = 0.05f;
        Tensor free = new ValueGuidance(VALUE, 20, 1f, ValueGuidance.UNBOUNDED, ValueGuidance.Positions.ALL)
                .edit(STATES);
        Tensor bounded = new ValueGuidance(VALUE, 20, 1f, radius, ValueGuidance.Positions.ALL).edit(STATES);
        float[] freeNorms = norms(free.sub(STATES));
        float[] boundedNorms = norms(bounded.sub(STATES));
        float[] before = VALUE.values(STATES).toFloatArray();
        float[] after = VALUE.values(bounded).toFloatArray();
        for (int i = 0; i < boundedNorms.length; i++) {
            assertTrue(freeNorms[i] > radius, "the unbounded edit of position " + i + " is longer: " + freeNorms[i]);
            assertEquals(radius, boundedNorms[i], 1e-5, "position " + i);
            assertTrue(after[i] > before[i], "position " + i + " still gains value");
        }
    }

    @Test
    void zeroStepsLeaveTheActivationAlone() {
        Variable activation = Variable.constant(STATES);
        ValueGuidance none = new ValueGuidance(VALUE, 0, 1f, ValueGuidance.UNBOUNDED, ValueGuidance.Positions.ALL);
        assertSame(activation, none.apply(activation, new HookContext(HookPoint.parse(HookPoints.FINAL_NORMALIZED), 0)));
    }

    @Test
    void newPositionsEditsOnlyTheLastOfEachPass() {
        ValueGuidance guidance = new ValueGuidance(VALUE, 3, 0.5f, ValueGuidance.UNBOUNDED,
                ValueGuidance.Positions.NEW);
        Tensor out = guidance.hooks().run(HookPoint.parse(HookPoints.FINAL_NORMALIZED), 0, Variable.constant(STATES)).value();
        assertArrayEquals(STATES.narrow(1, 0, 2).contiguous().toFloatArray(),
                out.narrow(1, 0, 2).contiguous().toFloatArray());
        assertArrayEquals(guidance.edit(STATES.narrow(1, 2, 1)).toFloatArray(),
                out.narrow(1, 2, 1).contiguous().toFloatArray());
    }

    @Test
    void badSettingsAndWidthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ValueGuidance(VALUE, -1, 1f, ValueGuidance.UNBOUNDED,
                ValueGuidance.Positions.ALL));
        assertThrows(IllegalArgumentException.class, () -> new ValueGuidance(VALUE, 1, 1f, 0,
                ValueGuidance.Positions.ALL));
        ValueGuidance guidance = new ValueGuidance(VALUE, 1, 1f, ValueGuidance.UNBOUNDED, ValueGuidance.Positions.ALL);
        assertThrows(IllegalArgumentException.class, () -> guidance.edit(Tensor.zeros(1, 1, H + 1)));
    }

    /** The L2 norm over the last axis: [..., H] -> one value per position. */
    private static float[] norms(Tensor x) {
        return x.mul(x).sum(x.rank() - 1).sqrt().toFloatArray();
    }
}
