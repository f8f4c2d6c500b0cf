package dev.rein.training.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.Variable;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Groups with their own learning rate and weight decay, skipped parameters, and the checks on parameters. */
class ParameterGroupTest {

    @Test
    void eachGroupUpdatesWithItsOwnLearningRateAndWeightDecay() {
        NamedParameter body = FixedGradients.parameter("body", FixedGradients.INITIAL);
        NamedParameter head = FixedGradients.parameter("head", FixedGradients.INITIAL);
        Optimizer optimizer = new AdamW(List.of(ParameterGroup.of("body", List.of(body), 0.01, 0.1),
                ParameterGroup.of("head", List.of(head), 0.05, 0)), AdamSettings.defaults());
        for (int i = 0; i < FixedGradients.GRADS.length; i++) {
            FixedGradients.setGrad(body, FixedGradients.GRADS[i]);
            FixedGradients.setGrad(head, FixedGradients.GRADS[i]);
            optimizer.step(FixedGradients.LR_FACTORS[i]);
        }
        float[][] bodyAlone = FixedGradients.run(g -> new AdamW(g, AdamSettings.defaults()), 0.01, 0.1, false);
        float[][] headAlone = FixedGradients.run(g -> new AdamW(g, AdamSettings.defaults()), 0.05, 0, false);
        assertArrayEquals(bodyAlone[2], body.variable().value().toFloatArray());
        assertArrayEquals(headAlone[2], head.variable().value().toFloatArray());
        assertEquals(3, optimizer.steps());
    }

    @Test
    void weightDecayActsOnlyInGroupsThatHaveIt() {
        NamedParameter decayed = FixedGradients.parameter("decayed", 1f, -2f);
        NamedParameter kept = FixedGradients.parameter("kept", 1f, -2f);
        Optimizer optimizer = new AdamW(List.of(ParameterGroup.of("decay", List.of(decayed), 0.1, 0.5),
                ParameterGroup.of("no_decay", List.of(kept), 0.1, 0)), AdamSettings.defaults());
        FixedGradients.setGrad(decayed, 0f, 0f);
        FixedGradients.setGrad(kept, 0f, 0f);
        optimizer.step(1);
        assertArrayEquals(new float[] {0.95f, -1.9f}, decayed.variable().value().toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {1f, -2f}, kept.variable().value().toFloatArray());
    }

    @Test
    void parametersWithoutGradientAreSkippedAndZeroGradClearsAll() {
        NamedParameter used = FixedGradients.parameter("used", 1f, 2f);
        NamedParameter unused = FixedGradients.parameter("unused", 3f, 4f);
        Optimizer optimizer = new Sgd(List.of(ParameterGroup.of("all", List.of(used, unused), 0.5, 0)),
                SgdSettings.defaults());
        FixedGradients.setGrad(used, 1f, -1f);
        optimizer.step(1);
        assertArrayEquals(new float[] {0.5f, 2.5f}, used.variable().value().toFloatArray());
        assertArrayEquals(new float[] {3f, 4f}, unused.variable().value().toFloatArray());
        optimizer.zeroGrad();
        assertNull(used.variable().grad());
    }

    @Test
    void parametersAreUpdatedInPlace() {
        NamedParameter parameter = FixedGradients.parameter("w", 1f, 2f);
        Tensor value = parameter.variable().value();
        Optimizer optimizer = new Sgd(List.of(ParameterGroup.of("all", List.of(parameter), 1, 0)),
                SgdSettings.defaults());
        FixedGradients.setGrad(parameter, 0.25f, 0.5f);
        optimizer.step(1);
        assertSame(value, parameter.variable().value());
        assertArrayEquals(new float[] {0.75f, 1.5f}, value.toFloatArray());
    }

    @Test
    void nonF32ParametersAreRefusedByName() {
        NamedParameter half = new NamedParameter("model.embed_tokens.weight",
                Variable.parameter(Tensor.zeros(DType.BF16, 2, 2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(
                List.of(ParameterGroup.of("all", List.of(half), 1e-3, 0)), AdamSettings.defaults()));
        assertTrue(e.getMessage().contains("model.embed_tokens.weight") && e.getMessage().contains("BF16"),
                e.getMessage());
    }

    @Test
    void duplicateNamesAndSharedVariablesAreRefused() {
        NamedParameter a = FixedGradients.parameter("w", 1f);
        NamedParameter sameName = FixedGradients.parameter("w", 2f);
        NamedParameter sameVariable = new NamedParameter("tied", a.variable());
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(ParameterGroup.of("g", List.of(a), 1, 0),
                ParameterGroup.of("h", List.of(sameName), 1, 0)), SgdSettings.defaults()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sgd(
                List.of(ParameterGroup.of("g", List.of(a, sameVariable), 1, 0)), SgdSettings.defaults()));
        assertTrue(e.getMessage().contains("tied"), e.getMessage());
    }

    @Test
    void badHyperParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ParameterGroup.of("g", List.of(), -1, 0));
        assertThrows(IllegalArgumentException.class, () -> ParameterGroup.of("g", List.of(), 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SgdSettings(0, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new AdamSettings(1.0, 0.999, 1e-8));
        Optimizer optimizer = new Sgd(List.of(), SgdSettings.defaults());
        assertThrows(IllegalArgumentException.class, () -> optimizer.step(Double.NaN));
    }
}
