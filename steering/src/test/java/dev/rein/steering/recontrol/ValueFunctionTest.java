package dev.rein.steering.recontrol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rein.autograd.NoGrad;
import dev.rein.autograd.Variable;
import dev.rein.formats.FormatException;
import dev.rein.models.hooks.HookPoints;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueFunctionTest {
    private static final int H = 6;
    private static final int WIDTH = 5;

    private final ValueFunction value = ValueFunction.create(ValueModelConfig.uniform(HookPoints.FINAL_NORMALIZED, H, 2, WIDTH), 3);

    @Test
    void theInputGradientIsTheClosedFormOfATwoLayerReluNetwork() {
        Tensor states = new TensorRandom(11).normal(0f, 1f, 4, H);
        float[] gradient = value.inputGradient(states).toFloatArray();
        float[][] w1 = matrix("fc1.weight"), w2 = matrix("fc2.weight"), w3 = matrix("fc3.weight");
        float[] b1 = vector("fc1.bias"), b2 = vector("fc2.bias");
        float[] x = states.toFloatArray();
        for (int row = 0; row < 4; row++) {
            // z1 = W1 x + b1, z2 = W2 relu(z1) + b2; grad = W1^T (1[z1 > 0] * W2^T (1[z2 > 0] * w3))
            double[] z1 = new double[WIDTH], z2 = new double[WIDTH];
            for (int i = 0; i < WIDTH; i++) {
                z1[i] = b1[i];
                for (int j = 0; j < H; j++) z1[i] += w1[i][j] * x[row * H + j];
            }
            for (int i = 0; i < WIDTH; i++) {
                z2[i] = b2[i];
                for (int j = 0; j < WIDTH; j++) z2[i] += w2[i][j] * Math.max(0, z1[j]);
            }
            double[] upper = new double[WIDTH];
            for (int j = 0; j < WIDTH; j++) {
                for (int i = 0; i < WIDTH; i++) upper[j] += w2[i][j] * (z2[i] > 0 ? w3[0][i] : 0);
            }
            for (int k = 0; k < H; k++) {
                double expected = 0;
                for (int j = 0; j < WIDTH; j++) expected += w1[j][k] * (z1[j] > 0 ? upper[j] : 0);
                assertEquals(expected, gradient[row * H + k], 1e-5, "row " + row + " coordinate " + k);
            }
        }
    }

    @Test
    void theInputGradientMatchesCentralDifferencesOfTheValues() {
        Tensor states = new TensorRandom(5).normal(0f, 1f, 3, H);
        float[] gradient = value.inputGradient(states).toFloatArray();
        float[] x = states.toFloatArray();
        float eps = 1e-3f;
        for (int e = 0; e < x.length; e++) {
            float[] up = x.clone(), down = x.clone();
            up[e] += eps;
            down[e] -= eps;
            int row = e / H;
            double numeric = (value.values(Tensor.of(up, 3, H)).toFloatArray()[row]
                    - value.values(Tensor.of(down, 3, H)).toFloatArray()[row]) / (2 * eps);
            assertEquals(numeric, gradient[e], 2e-3, "element " + e);
        }
    }

    @Test
    void valuesDropTheLastAxisAndTheGradientKeepsTheShape() {
        Tensor states = new TensorRandom(1).normal(0f, 1f, 2, 3, H);
        assertArrayEquals(new int[] {2, 3}, value.values(states).shape());
        assertArrayEquals(new int[] {2, 3, H}, value.inputGradient(states).shape());
        assertThrows(IllegalArgumentException.class, () -> value.values(Tensor.zeros(2, H + 1)));
    }

    @Test
    void valuesAtValidStepsAreTheValuesThereAndZeroElsewhere() {
        Tensor states = new TensorRandom(8).normal(0f, 1f, 2, 3, H);
        Tensor mask = Tensor.ofBools(new boolean[] {true, true, false, true, false, false}, 2, 3);
        float[] all = value.values(states).toFloatArray();
        float[] valid = value.valuesAtValidSteps(new Trajectories(HookPoints.FINAL_NORMALIZED, states, mask))
                .value().toFloatArray();
        assertArrayEquals(new float[] {all[0], all[1], 0, all[3], 0, 0}, valid, 1e-6f);
    }

    @Test
    void initialWeightsLieWithinTorchsLinearBounds() {
        Map<String, Variable> parameters = value.parameters();
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"),
                List.copyOf(parameters.keySet()));
        assertArrayEquals(new int[] {1, WIDTH}, parameters.get("fc3.weight").shape());
        for (float w : parameters.get("fc1.bias").value().toFloatArray()) {
            assertTrue(Math.abs(w) <= 1 / Math.sqrt(H), "fc1.bias " + w);
        }
        for (float w : parameters.get("fc3.weight").value().toFloatArray()) {
            assertTrue(Math.abs(w) <= 1 / Math.sqrt(WIDTH), "fc3.weight " + w);
        }
        assertTrue(parameters.values().stream().allMatch(Variable::requiresGrad));
    }

    @Test
    void theGradientNeedsAutograd() {
        try (NoGrad scope = NoGrad.enter()) {
            assertThrows(IllegalStateException.class, () -> value.inputGradient(Tensor.zeros(1, H)));
        }
    }

    @Test
    void aSavedValueFunctionLoadsWithTheSameValuesAndConstantWeights(@TempDir Path folder) throws IOException {
        value.save(folder, JsonNodeFactory.instance.objectNode().put("epochs", 3));
        ValueFunction loaded = ValueFunction.load(folder);
        assertEquals(value.config(), loaded.config());
        assertEquals(HookPoints.FINAL_NORMALIZED, loaded.config().hookPoint());
        Tensor states = new TensorRandom(2).normal(0f, 1f, 5, H);
        assertArrayEquals(value.values(states).toFloatArray(), loaded.values(states).toFloatArray());
        assertTrue(loaded.parameters().values().stream().noneMatch(Variable::requiresGrad));
        String json = Files.readString(folder.resolve(ValueFunction.CONFIG_FILE));
        assertTrue(json.contains("\"hidden_layers\" : [ 5, 5 ]") && json.contains("\"epochs\" : 3"), json);
    }

    @Test
    void malformedFilesNameTheFileAndField(@TempDir Path folder) throws IOException {
        value.save(folder, JsonNodeFactory.instance.objectNode());
        Path config = folder.resolve(ValueFunction.CONFIG_FILE);
        String json = Files.readString(config);

        Files.writeString(config, json.replace("[ 5, 5 ]", "[ 5, 4 ]"));
        FormatException shape = assertThrows(FormatException.class, () -> ValueFunction.load(folder));
        assertTrue(shape.getMessage().contains("fc2.weight") && shape.getMessage().contains("[4, 5]"),
                shape.getMessage());

        Files.writeString(config, json.replace("re_control_value_model", "pooled_head"));
        FormatException kind = assertThrows(FormatException.class, () -> ValueFunction.load(folder));
        assertTrue(kind.getMessage().contains("kind"), kind.getMessage());

        Files.writeString(config, json.replace("\"ln_final.hook_normalized\"", "\"logits\""));
        FormatException point = assertThrows(FormatException.class, () -> ValueFunction.load(folder));
        assertTrue(point.getMessage().contains("value_model.json"), point.getMessage());

        Files.writeString(config, json.replace("\"hidden_size\" : 6", "\"hidden_size\" : \"six\""));
        FormatException size = assertThrows(FormatException.class, () -> ValueFunction.load(folder));
        assertTrue(size.getMessage().contains("hidden_size"), size.getMessage());
    }

    private float[][] matrix(String name) {
        Tensor w = value.parameters().get(name).value();
        float[][] rows = new float[w.size(0)][];
        for (int i = 0; i < rows.length; i++) rows[i] = w.select(0, i).toFloatArray();
        return rows;
    }

    private float[] vector(String name) {
        return value.parameters().get(name).value().toFloatArray();
    }
}
