package dev.rein.training.adapters;

import static dev.rein.training.adapters.LoraAdapterTest.IDS;
import static dev.rein.training.adapters.TinyModels.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.autograd.Variable;
import dev.rein.formats.FormatException;
import dev.rein.formats.layout.ParameterRole;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.LayerWeights;
import dev.rein.models.transformer.Linear;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** LLaMA-Adapter's gated prompt on tiny random Llama (grouped-query), Qwen2 (q/k/v biases) and GPT-2 models. */
class GatedPrefixAdapterTest extends TinyModelTest {
    static void openGate(GatedPrefixAdapter adapter, long seed) {
        adapter.gate().value().copyFrom(new TensorRandom(seed).uniform(-2f, 2f, adapter.gate().shape()));
    }

    @Test
    void aClosedGateLeavesTheModelUnchanged() {
        for (LanguageModel base : new LanguageModel[] {llama, qwen2, gpt2}) {
            Transformer model = base.transformer();
            GatedPrefixAdapter adapter = GatedPrefixAdapter.create(model, GatedPrefixConfig.of(1, 5), 1);
            Tensor plain = model.forward(TokenBatch.of(IDS)).value();
            assertEquals(0f, maxAbsDiff(plain, model.forward(TokenBatch.of(IDS), adapter.hooks()).value()),
                    base.config().modelType());
            openGate(adapter, 2);
            assertTrue(maxAbsDiff(plain, model.forward(TokenBatch.of(IDS), adapter.hooks()).value()) > 1e-2f,
                    base.config().modelType() + ": an open gate changes the logits");
        }
    }

    @Test
    void theEditEqualsAnExplicitComputationPerHead() {
        for (LanguageModel base : new LanguageModel[] {llama, qwen2}) {
            Transformer model = base.transformer();
            int layer = 1;
            GatedPrefixAdapter adapter = GatedPrefixAdapter.create(model, GatedPrefixConfig.of(layer, 3), 3);
            openGate(adapter, 4);
            ActivationCache clean = new ActivationCache();
            model.forward(TokenBatch.of(IDS), new Hooks().cache(clean, HookPoints.rotatedQuery(layer),
                    HookPoints.z(layer)));
            ActivationCache edited = new ActivationCache();
            model.forward(TokenBatch.of(IDS), adapter.addTo(new Hooks()).cache(edited, HookPoints.z(layer)));

            Tensor expected = reference(model, layer, adapter, clean.get(HookPoints.rotatedQuery(layer)),
                    clean.get(HookPoints.z(layer)));
            float diff = maxAbsDiff(expected, edited.get(HookPoints.z(layer)));
            assertTrue(diff < 1e-5f, base.config().modelType() + ": differs from the reference by " + diff);
        }
    }

    /**
     * z + tanh(g_h) softmax(q_h K_h^T / sqrt(D)) V_h computed element by element, with K = P W_k^T + b_k and
     * V = P W_v^T + b_v read from the layer's weights, and head h using key/value head h / (Hq / Hkv).
     */
    private static Tensor reference(Transformer model, int layer, GatedPrefixAdapter adapter, Tensor q, Tensor z) {
        LayerWeights w = model.weights().layers().get(layer);
        float[][] keys = project(adapter.prompt().value(), (Linear) w.projection(ParameterRole.KEY));  // [len][Hkv * D]
        float[][] values = project(adapter.prompt().value(), (Linear) w.projection(ParameterRole.VALUE));
        int heads = q.size(1);
        int t = q.size(2);
        int d = q.size(3);
        int group = heads / model.config().attention().numKvHeads();
        int len = keys.length;
        float[] gate = adapter.gate().value().toFloatArray();
        Tensor out = z.copy();
        for (int h = 0; h < heads; h++) {
            int kv = h / group;
            for (int i = 0; i < t; i++) {
                double[] scores = new double[len];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < len; j++) {
                    double dot = 0;
                    for (int e = 0; e < d; e++) {
                        dot += q.getFloat(0, h, i, e) * keys[j][kv * d + e];
                    }
                    scores[j] = dot / Math.sqrt(d);
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j < len; j++) {
                    scores[j] = Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int e = 0; e < d; e++) {
                    double attended = 0;
                    for (int j = 0; j < len; j++) {
                        attended += scores[j] / sum * values[j][kv * d + e];
                    }
                    out.setFloat((float) (z.getFloat(0, h, i, e) + Math.tanh(gate[h]) * attended), 0, h, i, e);
                }
            }
        }
        return out;
    }

    /** rows of P [len, hidden] times W^T plus b, in double. */
    private static float[][] project(Tensor prompt, Linear linear) {
        Tensor weight = linear.weight().value();
        int len = prompt.size(0);
        int out = weight.size(0);
        float[][] rows = new float[len][out];
        for (int j = 0; j < len; j++) {
            for (int o = 0; o < out; o++) {
                double sum = linear.bias() == null ? 0 : linear.bias().value().getFloat(o);
                for (int e = 0; e < weight.size(1); e++) {
                    sum += (double) prompt.getFloat(j, e) * weight.getFloat(o, e);
                }
                rows[j][o] = (float) sum;
            }
        }
        return rows;
    }

    @Test
    void theGateGetsAGradientAtZeroAndThePromptOnceTheGateIsOpen() {
        Transformer model = llama.transformer();
        GatedPrefixAdapter adapter = GatedPrefixAdapter.create(model, GatedPrefixConfig.of(0, 4), 5);
        nextTokenLoss(model, adapter.hooks(), IDS).backward();
        assertTrue(adapter.gate().grad().abs().sum().item() > 0f, "d tanh(g)/dg = 1 at g = 0");
        assertEquals(0f, adapter.prompt().grad().abs().sum().item(), "tanh(0) = 0 blocks the prompt's gradient");

        openGate(adapter, 6);
        adapter.parameters().values().forEach(Variable::zeroGrad);
        nextTokenLoss(model, adapter.hooks(), IDS).backward();
        assertTrue(adapter.prompt().grad().abs().sum().item() > 0f);
        assertTrue(adapter.gate().grad().abs().sum().item() > 0f);
    }

    @Test
    void everyCachedStepAttendsToThePromptAsAFullPassDoes() {
        for (LanguageModel base : new LanguageModel[] {llama, gpt2}) {
            GatedPrefixAdapter adapter = GatedPrefixAdapter.create(base.transformer(), GatedPrefixConfig.of(1, 4), 7);
            openGate(adapter, 8);
            CachedSteps.assertCachedStepsMatchFullPasses(base.transformer(), adapter.hooks(), new int[] {5, 9, 2},
                    new int[] {40, 11, 63, 7});
        }
    }

    @Test
    void aSavedAdapterLoadsBackEqualAndAMisfitIsAFormatError() throws IOException {
        Transformer model = qwen2.transformer();
        GatedPrefixAdapter saved = GatedPrefixAdapter.create(model, new GatedPrefixConfig(1, 6, 0.5), 9);
        openGate(saved, 10);
        Path dir = folder.resolve("prefix");
        saved.save(dir);
        GatedPrefixAdapter loaded = GatedPrefixAdapter.load(dir, model);
        assertEquals(saved.config(), loaded.config());
        assertEquals(0f, maxAbsDiff(saved.prompt().value(), loaded.prompt().value()));
        assertEquals(0f, maxAbsDiff(saved.gate().value(), loaded.gate().value()));
        assertEquals(0f, maxAbsDiff(model.forward(TokenBatch.of(IDS), saved.hooks()).value(),
                model.forward(TokenBatch.of(IDS), loaded.hooks()).value()));

        Path file = dir.resolve("gated_prefix_adapter.json");
        ObjectNode description = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        description.put("num_heads", 8);
        Files.writeString(file, description.toString());
        FormatException heads = assertThrows(FormatException.class, () -> GatedPrefixAdapter.load(dir, model));
        assertEquals("num_heads", heads.field(), heads.getMessage());

        description.put("num_heads", 4);
        description.put("length", 7);
        Files.writeString(file, description.toString());
        FormatException shape = assertThrows(FormatException.class, () -> GatedPrefixAdapter.load(dir, model));
        assertEquals("prompt", shape.field());
        assertTrue(shape.getMessage().contains("expected shape [7, 32], found [6, 32]"), shape.getMessage());
    }

    @Test
    void badSettingsAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> GatedPrefixConfig.of(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> GatedPrefixConfig.of(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new GatedPrefixConfig(0, 10, 0));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> GatedPrefixAdapter.create(llama.transformer(), GatedPrefixConfig.of(2, 10), 0));
        assertTrue(outside.getMessage().contains("outside this 2-layer model"), outside.getMessage());
    }
}
