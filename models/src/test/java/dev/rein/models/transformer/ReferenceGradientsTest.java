package dev.rein.models.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.autograd.LossFunctions;
import dev.rein.autograd.Variable;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Backpropagation through whole models against ../shared/reference/grads: the causal-LM loss on a fixed 16-token
 * sequence and, for every parameter, the gradient's L2 norm, sum, largest magnitude and first non-zero values.
 */
class ReferenceGradientsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"random-gpt2-tiny", "random-llama-gqa-rope-llama3"})
    void lossAndEveryParameterGradientMatchTheReference(String name) throws IOException {
        JsonNode reference = new ObjectMapper().readTree(SharedData.path("reference/grads/" + name + ".json").toFile());
        Path dir = SharedData.path(reference.get("model_dir").asText());
        ModelConfig config = ModelConfig.readFolder(dir);
        TransformerWeights weights = WeightLoader.load(config, Checkpoint.open(dir), Variable::parameter);
        int[] ids = ReferenceFixture.ints(reference.get("input_ids"));

        // HF's shifted causal-LM loss: position t predicts token t + 1
        Variable logits = new Transformer(config, weights).forward(TokenBatch.of(ids));        // [1, T, V]
        int t = ids.length - 1;
        long[] targets = new long[t];
        for (int i = 0; i < t; i++) {
            targets[i] = ids[i + 1];
        }
        Variable loss = LossFunctions.crossEntropy(logits.narrow(1, 0, t).reshape(t, config.vocabSize()),
                Tensor.ofLongs(targets, t));
        loss.backward();
        assertEquals(reference.get("loss").asDouble(), loss.value().item(), 1e-5, "loss");

        JsonNode params = reference.get("params");
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Variable parameter = weights.parameters().get(entry.getKey());
            assertNotNull(parameter, "no parameter named " + entry.getKey());
            checkGradient(entry.getKey(), parameter.grad(), entry.getValue());
        }
        assertEquals(params.size(), weights.parameters().size(), "parameter count");
    }

    private static void checkGradient(String name, Tensor grad, JsonNode want) {
        float[] g = grad.contiguous().toFloatArray();
        double l2 = 0;
        double sum = 0;
        double absMax = 0;
        for (float v : g) {
            l2 += (double) v * v;
            sum += v;
            absMax = Math.max(absMax, Math.abs(v));
        }
        double wantL2 = want.get("grad_l2").asDouble();
        double scale = Math.max(wantL2, 1e-6);
        assertEquals(wantL2, Math.sqrt(l2), 1e-3 * scale, name + " gradient L2");
        assertEquals(want.get("grad_abs_max").asDouble(), absMax, 1e-3 * scale, name + " gradient max |g|");
        assertEquals(want.get("grad_sum").asDouble(), sum, 1e-3 * scale, name + " gradient sum");
        JsonNode nonzero = want.get("first8_nonzero");
        for (int i = 0; i < nonzero.get("flat_index").size(); i++) {
            int index = nonzero.get("flat_index").get(i).asInt();
            double expected = nonzero.get("value").get(i).asDouble();
            assertEquals(expected, g[index], 1e-3 * scale + 1e-4 * Math.abs(expected),
                    name + " gradient at flat index " + index);
        }
    }
}
