package dev.rein.training.adapters;

import static dev.rein.training.adapters.LoraAdapterTest.IDS;
import static dev.rein.training.adapters.TinyModels.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.autograd.Gradcheck;
import dev.rein.autograd.Variable;
import dev.rein.formats.FormatException;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.LinearAlgebra;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bottleneck adapters after the attention and MLP sublayers, on tiny random Llama and GPT-2 models. */
class BottleneckAdapterTest extends TinyModelTest {
    static void randomizeUp(BottleneckAdapter adapter, long seed) {
        TensorRandom random = new TensorRandom(seed);
        for (Bottleneck b : adapter.adapters().values()) {
            b.upWeight().value().copyFrom(random.normal(0f, 0.5f, b.upWeight().shape()));
            b.upBias().value().copyFrom(random.normal(0f, 0.1f, b.upBias().shape()));
        }
    }

    @Test
    void freshAdaptersAreTheIdentityAndSitAtTheChosenPoints() {
        Transformer model = llama.transformer();
        BottleneckAdapter adapter = BottleneckAdapter.create(model, BottleneckConfig.afterBothSublayers(16, 1), 1);
        assertEquals(List.of(HookPoints.attnOut(1), HookPoints.mlpOut(1)), List.copyOf(adapter.adapters().keySet()));
        Bottleneck attention = adapter.adapters().get(HookPoints.attnOut(1));
        assertArrayEquals(new int[] {2, 32}, attention.downWeight().shape());       // 32 / 16
        assertArrayEquals(new int[] {32, 2}, attention.upWeight().shape());
        assertTrue(attention.downWeight().value().abs().sum().item() > 0f);
        assertEquals(0f, attention.upWeight().value().abs().sum().item());
        Tensor plain = model.forward(TokenBatch.of(IDS)).value();
        assertEquals(0f, maxAbsDiff(plain, model.forward(TokenBatch.of(IDS), adapter.hooks()).value()));

        BottleneckAdapter bert = BottleneckAdapter.create(model, BottleneckConfig.afterBothSublayers(4)
                .withInit(BottleneckConfig.Init.BERT, 0.02), 1);
        assertEquals(4, bert.adapters().size(), "both sublayers of both layers");
        float[] up = bert.adapters().get(HookPoints.mlpOut(0)).upWeight().value().toFloatArray();
        double sumSquares = 0;
        for (float v : up) {
            sumSquares += v * v;
        }
        assertEquals(0.02, Math.sqrt(sumSquares / up.length), 0.006, "BERT init draws W_up with std 0.02");
    }

    @Test
    void theEditIsTheSublayerOutputPlusItsBottleneck() {
        Transformer model = gpt2.transformer();
        BottleneckAdapter adapter = BottleneckAdapter.create(model,
                new BottleneckConfig(8, false, true, List.of(0), BottleneckConfig.Init.IDENTITY, 0.5), 2);
        randomizeUp(adapter, 3);
        ActivationCache clean = new ActivationCache();
        model.forward(TokenBatch.of(IDS), new Hooks().cache(clean, HookPoints.mlpOut(0)));
        ActivationCache edited = new ActivationCache();
        model.forward(TokenBatch.of(IDS), adapter.addTo(new Hooks()).cache(edited, HookPoints.mlpOut(0)));

        Bottleneck b = adapter.adapters().get(HookPoints.mlpOut(0));
        Tensor a = clean.get(HookPoints.mlpOut(0));
        Tensor expected = a.add(LinearAlgebra.linear(LinearAlgebra.linear(a, b.downWeight().value(),
                b.downBias().value()).relu(), b.upWeight().value(), b.upBias().value()));
        assertTrue(maxAbsDiff(expected, edited.get(HookPoints.mlpOut(0))) < 1e-5f);
        assertTrue(maxAbsDiff(a, expected) > 1e-2f, "the adapter changes the MLP output");
    }

    @Test
    void theBottleneckPassesGradcheck() {
        TensorRandom random = new TensorRandom(5);
        Gradcheck.check("bottleneck", v -> new Bottleneck(v.get(1), v.get(2), v.get(3), v.get(4)).apply(v.get(0)),
                random.normal(0f, 1f, 2, 3, 6), random.normal(0f, 1f, 2, 6), random.uniform(0.2f, 0.5f, 2),
                random.normal(0f, 1f, 6, 2), random.normal(0f, 1f, 6));
    }

    @Test
    void gradientsReachEveryAdapterWeightThroughTheFrozenModel() {
        Transformer model = llama.transformer();
        BottleneckAdapter adapter = BottleneckAdapter.create(model, BottleneckConfig.afterBothSublayers(8, 0), 4);
        nextTokenLoss(model, adapter.hooks(), IDS).backward();
        Bottleneck attention = adapter.adapters().get(HookPoints.attnOut(0));
        assertEquals(0f, attention.downWeight().grad().abs().sum().item(), "W_up = 0 blocks W_down's gradient");
        assertTrue(attention.upWeight().grad().abs().sum().item() > 0f);

        randomizeUp(adapter, 6);
        adapter.parameters().values().forEach(Variable::zeroGrad);
        nextTokenLoss(model, adapter.hooks(), IDS).backward();
        adapter.parameters().forEach((name, p) ->
                assertTrue(p.grad().abs().sum().item() > 0f, name + " has a gradient"));
    }

    @Test
    void savedAdaptersLoadBackEqual() throws IOException {
        Transformer model = gpt2.transformer();
        BottleneckAdapter saved = BottleneckAdapter.create(model, BottleneckConfig.afterBothSublayers(4, 1)
                .withInit(BottleneckConfig.Init.BERT, 0.05), 7);
        Path dir = folder.resolve("bottleneck");
        saved.save(dir);
        BottleneckAdapter loaded = BottleneckAdapter.load(dir, model);
        assertEquals(saved.config(), loaded.config());
        assertEquals(saved.parameters().keySet(), loaded.parameters().keySet());
        saved.parameters().forEach((name, p) ->
                assertEquals(0f, maxAbsDiff(p.value(), loaded.parameters().get(name).value()), name));
        assertEquals(0f, maxAbsDiff(model.forward(TokenBatch.of(IDS), saved.hooks()).value(),
                model.forward(TokenBatch.of(IDS), loaded.hooks()).value()));
        assertTrue(saved.parameters().containsKey("blocks.1.hook_attn_out.adapter_down.weight"));
    }

    @Test
    void aDescriptionThatDoesNotFitTheModelIsAFormatError() throws IOException {
        Path dir = folder.resolve("bottleneck-misfit");
        BottleneckAdapter.create(gpt2.transformer(), BottleneckConfig.afterBothSublayers(4, 1), 7).save(dir);
        Path file = dir.resolve("bottleneck_adapter.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode description = (ObjectNode) json.readTree(file.toFile());
        description.put("hidden_size", 64);
        Files.writeString(file, description.toString());
        FormatException hidden = assertThrows(FormatException.class, () -> BottleneckAdapter.load(dir,
                gpt2.transformer()));
        assertEquals("hidden_size", hidden.field());

        description.put("hidden_size", 32);
        description.putArray("layers").add(5);
        Files.writeString(file, description.toString());
        FormatException layer = assertThrows(FormatException.class, () -> BottleneckAdapter.load(dir,
                gpt2.transformer()));
        assertTrue(layer.getMessage().contains("layer 5 is outside"), layer.getMessage());

        description.putArray("layers").add(0);
        Files.writeString(file, description.toString());
        FormatException tensors = assertThrows(FormatException.class, () -> BottleneckAdapter.load(dir,
                gpt2.transformer()));
        assertEquals(dir.resolve("bottleneck_adapter.safetensors"), tensors.file());
    }

    @Test
    void badSettingsAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> BottleneckConfig.afterBothSublayers(0));
        assertThrows(IllegalArgumentException.class, () -> new BottleneckConfig(16, false, false, List.of(),
                BottleneckConfig.Init.IDENTITY, 0.02));
        assertThrows(IllegalArgumentException.class, () -> BottleneckConfig.afterBothSublayers(16, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> BottleneckConfig.afterBothSublayers(16)
                .withInit(BottleneckConfig.Init.BERT, 0));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> BottleneckAdapter.create(llama.transformer(), BottleneckConfig.afterBothSublayers(16, 2), 0));
        assertTrue(outside.getMessage().contains("layer 2 is outside this 2-layer model"), outside.getMessage());
    }
}
