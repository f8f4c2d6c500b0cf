package dev.rein.training.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Saving and restoring optimizer state: resuming continues bit for bit; bad states are refused by name. */
class OptimizerStateTest {
    private static final float[][] GRADS = {
            {0.1f, -0.2f, 0.3f}, {-0.05f, 0.4f, 0.0f}, {0.3f, 0.3f, -0.7f}, {1.5f, -0.01f, 0.2f}};
    private static final float[][] HEAD_GRADS = {{0.5f}, {-0.25f}, {0.125f}, {2f}};
    private static final double[] FACTORS = {0.2, 1.0, 0.7, 0.3};

    @Test
    void sgdResumesExactly() {
        assertResumesExactly(g -> new Sgd(g, new SgdSettings(0.9, 0.1, false)));
    }

    @Test
    void adamResumesExactly() {
        assertResumesExactly(g -> new Adam(g, AdamSettings.defaults()));
    }

    @Test
    void adamWResumesExactly() {
        assertResumesExactly(g -> new AdamW(g, AdamSettings.defaults()));
    }

    @Test
    void laPropResumesExactlyWithItsInitialValues() {
        assertResumesExactly(g -> new LaProp(g, new AdamSettings(0.9, 0.95, 1e-8)));
    }

    @Test
    void stateNamesSlotsByParameterName() {
        Run run = new Run(g -> new LaProp(g, AdamSettings.defaults()), new float[] {1f, 2f, 3f}, new float[] {4f});
        run.steps(0, 1);
        OptimizerState state = run.optimizer.state();
        assertEquals("laprop", state.kind());
        assertEquals(1, state.steps());
        assertEquals(List.of("exp_avg/body.weight", "exp_avg_sq/body.weight", "exp_avg_lr/body.weight",
                "initial/body.weight", "exp_avg/head.weight", "exp_avg_sq/head.weight", "exp_avg_lr/head.weight"),
                List.copyOf(state.tensors().keySet()));
        assertArrayEquals(new float[] {1f, 2f, 3f}, state.tensors().get("initial/body.weight").toFloatArray());
    }

    @Test
    void missingMisShapedUnexpectedOrForeignStateIsRefusedByName() {
        Run run = new Run(g -> new Adam(g, AdamSettings.defaults()), new float[] {1f, 2f, 3f}, new float[] {4f});
        OptimizerState good = run.optimizer.state();

        Map<String, Tensor> missing = new LinkedHashMap<>(good.tensors());
        missing.remove("exp_avg_sq/head.weight");
        assertMessageNames("exp_avg_sq/head.weight", run, new OptimizerState("adam", 2, missing));

        Map<String, Tensor> misShaped = new LinkedHashMap<>(good.tensors());
        misShaped.put("exp_avg/body.weight", Tensor.zeros(2));
        assertMessageNames("exp_avg/body.weight", run, new OptimizerState("adam", 2, misShaped));

        Map<String, Tensor> unexpected = new LinkedHashMap<>(good.tensors());
        unexpected.put("exp_avg/other.weight", Tensor.zeros(1));
        assertMessageNames("exp_avg/other.weight", run, new OptimizerState("adam", 2, unexpected));

        assertMessageNames("adamw", run, new OptimizerState("adamw", 2, good.tensors()));
        assertEquals(0, run.optimizer.steps());
    }

    private static void assertMessageNames(String name, Run run, OptimizerState state) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.optimizer.loadState(state));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    /** Two steps, save, a fresh optimizer over copies of the parameters loads the state, two more steps. */
    private static void assertResumesExactly(Function<List<ParameterGroup>, Optimizer> make) {
        Run uninterrupted = new Run(make, new float[] {0.5f, -1.25f, 2f}, new float[] {0.75f});
        uninterrupted.steps(0, 4);

        Run first = new Run(make, new float[] {0.5f, -1.25f, 2f}, new float[] {0.75f});
        first.steps(0, 2);
        OptimizerState saved = first.optimizer.state();
        Run resumed = new Run(make, first.body.variable().value().toFloatArray(),
                first.head.variable().value().toFloatArray());
        resumed.optimizer.loadState(saved);
        resumed.steps(2, 4);

        assertEquals(4, resumed.optimizer.steps());
        assertArrayEquals(uninterrupted.body.variable().value().toFloatArray(),
                resumed.body.variable().value().toFloatArray());
        assertArrayEquals(uninterrupted.head.variable().value().toFloatArray(),
                resumed.head.variable().value().toFloatArray());
        OptimizerState expected = uninterrupted.optimizer.state();
        OptimizerState actual = resumed.optimizer.state();
        assertEquals(expected.tensors().keySet(), actual.tensors().keySet());
        expected.tensors().forEach((name, tensor) ->
                assertArrayEquals(tensor.toFloatArray(), actual.tensors().get(name).toFloatArray(), name));
    }

    /** Two parameters in two groups (one with decay toward its initial values) and their optimizer. */
    private static final class Run {
        final NamedParameter body;
        final NamedParameter head;
        final Optimizer optimizer;

        Run(Function<List<ParameterGroup>, Optimizer> make, float[] bodyValues, float[] headValues) {
            body = FixedGradients.parameter("body.weight", bodyValues);
            head = FixedGradients.parameter("head.weight", headValues);
            optimizer = make.apply(List.of(new ParameterGroup("body", List.of(body), 0.01, 0.1, true),
                    ParameterGroup.of("head", List.of(head), 0.05, 0)));
        }

        void steps(int from, int to) {
            for (int i = from; i < to; i++) {
                FixedGradients.setGrad(body, GRADS[i]);
                FixedGradients.setGrad(head, HEAD_GRADS[i]);
                optimizer.step(FACTORS[i]);
            }
        }
    }
}
