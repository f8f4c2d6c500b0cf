package dev.rein.training.adapters;

import static dev.rein.training.adapters.TinyModels.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.Gradcheck;
import dev.rein.autograd.Variable;
import dev.rein.formats.safetensors.CheckpointWriter;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.Linear;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.DType;
import dev.rein.tensor.LinearAlgebra;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LoRA on tiny random Llama and GPT-2 models: initialisation, the update, gradients, merging, dropout. */
class LoraAdapterTest extends TinyModelTest {
    static final int[] IDS = {3, 17, 42, 5, 9, 28, 61, 0};

    /** B drawn at random, so that the adapter changes the model. */
    static void randomizeB(LoraAdapter adapter, long seed) {
        TensorRandom random = new TensorRandom(seed);
        for (LoraProjection lora : adapter.projections().values()) {
            lora.b().value().copyFrom(random.normal(0f, 0.5f, lora.b().shape()));
        }
    }

    static Tensor logits(Transformer model) {
        return model.forward(TokenBatch.of(IDS)).value();
    }

    @Test
    void aFreshAdapterLeavesTheModelUnchangedAndHasPeftsNamesShapesAndInit() {
        LoraAdapter adapter = LoraAdapter.create(llama.transformer(), LoraConfig.of(4, 8, "q_proj", "v_proj"), 1);
        assertEquals(0f, maxAbsDiff(logits(llama.transformer()), logits(adapter.model())));
        assertEquals(List.of(
                "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight",
                "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight",
                "base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight",
                "base_model.model.model.layers.0.self_attn.v_proj.lora_B.weight",
                "base_model.model.model.layers.1.self_attn.q_proj.lora_A.weight",
                "base_model.model.model.layers.1.self_attn.q_proj.lora_B.weight",
                "base_model.model.model.layers.1.self_attn.v_proj.lora_A.weight",
                "base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight"),
                List.copyOf(adapter.parameters().keySet()));
        LoraProjection value = adapter.projections().get("model.layers.1.self_attn.v_proj");
        assertArrayEquals(new int[] {4, 32}, value.a().shape());
        assertArrayEquals(new int[] {16, 4}, value.b().shape());           // 2 key/value heads of 8
        assertEquals(2f, value.scaling());
        float bound = (float) (1 / Math.sqrt(32));
        float[] a = value.a().value().toFloatArray();
        float largest = 0;
        for (float x : a) {
            assertTrue(Math.abs(x) <= bound, "kaiming-uniform(a=sqrt(5)) keeps A within 1/sqrt(in)");
            largest = Math.max(largest, Math.abs(x));
        }
        assertTrue(largest > bound / 2, "A is drawn, not zero");
        assertEquals(0f, value.b().value().abs().sum().item());
        assertTrue(adapter.parameters().values().stream().allMatch(Variable::requiresGrad));
    }

    @Test
    void gpt2sFusedAttentionIsOneProjectionUnderItsConv1dName() {
        LoraAdapter adapter = LoraAdapter.create(gpt2.transformer(), LoraConfig.of(2, 4, "c_attn"), 1);
        Map<String, Variable> p = adapter.parameters();
        assertEquals(4, p.size());
        assertArrayEquals(new int[] {2, 32}, p.get("base_model.model.transformer.h.0.attn.c_attn.lora_A.weight").shape());
        assertArrayEquals(new int[] {96, 2}, p.get("base_model.model.transformer.h.0.attn.c_attn.lora_B.weight").shape());
    }

    @Test
    void theUpdateIsScalingTimesBTimesATimesX() {
        TensorRandom random = new TensorRandom(3);
        Tensor w = random.normal(0f, 1f, 6, 5);
        Tensor bias = random.normal(0f, 1f, 6);
        Tensor a = random.normal(0f, 1f, 2, 5);
        Tensor b = random.normal(0f, 1f, 6, 2);
        Tensor x = random.normal(0f, 1f, 3, 4, 5);
        LoraProjection lora = new LoraProjection(new Linear(Variable.constant(w), Variable.constant(bias)),
                Variable.constant(a), Variable.constant(b), 1.5, new Dropout(0, 0));
        Tensor expected = LinearAlgebra.linear(x, w, bias).add(x.matmul(a.mT()).matmul(b.mT()).mul(1.5f));
        assertTrue(maxAbsDiff(expected, lora.apply(Variable.constant(x)).value()) < 1e-5f);
        assertTrue(maxAbsDiff(b.matmul(a).mul(1.5f), lora.delta()) < 1e-6f);
    }

    @Test
    void gradientsOfTheUpdatePassGradcheck() {
        TensorRandom random = new TensorRandom(4);
        Tensor w = random.normal(0f, 1f, 6, 5);
        Gradcheck.check("lora projection", v -> new LoraProjection(new Linear(Variable.constant(w), null), v.get(1),
                        v.get(2), 1.5, new Dropout(0, 0)).apply(v.get(0)),
                random.normal(0f, 1f, 2, 3, 5), random.normal(0f, 1f, 2, 5), random.normal(0f, 1f, 6, 2));
    }

    @Test
    void gradientsReachAAndBWhileTheBaseStaysFrozen() {
        LoraAdapter adapter = LoraAdapter.create(llama.transformer(), LoraConfig.of(4, 8, "q_proj", "down_proj"), 2);
        Variable loss = nextTokenLoss(adapter.model(), Hooks.none(), IDS);
        loss.backward();
        LoraProjection q = adapter.projections().get("model.layers.0.self_attn.q_proj");
        // with B = 0, as in PEFT, only B gets a gradient on the first step
        assertEquals(0f, q.a().grad().abs().sum().item());
        assertTrue(q.b().grad().abs().sum().item() > 0f);

        randomizeB(adapter, 5);
        adapter.parameters().values().forEach(Variable::zeroGrad);
        nextTokenLoss(adapter.model(), Hooks.none(), IDS).backward();
        for (Map.Entry<String, Variable> e : adapter.parameters().entrySet()) {
            assertNotNull(e.getValue().grad(), e.getKey());
            assertTrue(e.getValue().grad().abs().sum().item() > 0f, e.getKey());
        }
        assertTrue(llama.transformer().weights().parameters().values().stream().noneMatch(Variable::requiresGrad));
    }

    @Test
    void layersToTransformRestrictsTheAdaptedLayers() {
        LoraAdapter adapter = LoraAdapter.create(llama.transformer(),
                LoraConfig.of(2, 4, "self_attn.o_proj", "up_proj").withLayers(1), 1);
        assertEquals(List.of("model.layers.1.self_attn.o_proj", "model.layers.1.mlp.up_proj"),
                List.copyOf(adapter.projections().keySet()));
    }

    @Test
    void theMergedModelGivesTheLoraModelsLogits() throws IOException {
        for (LanguageModel base : List.of(llama, gpt2)) {
            LoraConfig config = base == gpt2 ? LoraConfig.of(4, 8, "c_attn", "c_proj", "c_fc")
                    : LoraConfig.of(4, 8, "q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");
            LoraAdapter adapter = LoraAdapter.create(base.transformer(), config, 6);
            randomizeB(adapter, 7);
            Tensor adapted = logits(adapter.model());
            assertTrue(maxAbsDiff(logits(base.transformer()), adapted) > 0.1f, "the adapter changes the logits");

            Transformer merged = adapter.merge(LoraAdapter.MergePrecision.F32);
            assertTrue(maxAbsDiff(adapted, logits(merged)) < 1e-4f, base.config().modelType());

            // the merged parameters are a checkpoint in Hugging Face's layout: written and loaded, same logits
            Path dir = folder.resolve("merged-" + base.config().modelType());
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            merged.weights().parameters().forEach((name, v) -> tensors.put(name, v.value()));
            CheckpointWriter.write(dir, tensors, Map.of("format", "pt"), Long.MAX_VALUE);
            Files.copy(folderOf(base).resolve("config.json"), dir.resolve("config.json"));
            try (LanguageModel reloaded = LanguageModel.load(dir)) {
                assertTrue(maxAbsDiff(adapted, logits(reloaded.transformer())) < 1e-4f);
            }
        }
    }

    private static Path folderOf(LanguageModel model) {
        return folder.resolve(model == gpt2 ? "gpt2" : "llama");
    }

    @Test
    void mergingKeepsTheStoredDTypeOrWidensToF32() {
        try (LanguageModel bf16 = TinyModels.llamaBf16(folder)) {
            LoraAdapter adapter = LoraAdapter.create(bf16.transformer(), LoraConfig.of(4, 8, "q_proj", "up_proj"), 8);
            randomizeB(adapter, 9);
            String name = "model.layers.0.self_attn.q_proj.weight";
            Transformer stored = adapter.merge(LoraAdapter.MergePrecision.STORED);
            Transformer wide = adapter.merge(LoraAdapter.MergePrecision.F32);
            assertEquals(DType.BF16, stored.weights().parameters().get(name).value().dtype());
            assertEquals(DType.F32, wide.weights().parameters().get(name).value().dtype());
            assertSame(bf16.transformer().weights().parameters().get("model.layers.0.self_attn.k_proj.weight"),
                    stored.weights().parameters().get("model.layers.0.self_attn.k_proj.weight"));
            Tensor adapted = logits(adapter.model());
            assertTrue(maxAbsDiff(adapted, logits(wide)) < 1e-4f);
            assertTrue(maxAbsDiff(adapted, logits(stored)) < 0.1f, "BF16 rounding of the merged weights only");
        }
    }

    @Test
    void dropoutActsInTrainingOnlyAndIsSeeded() {
        LoraConfig config = LoraConfig.of(4, 8, "q_proj", "v_proj").withDropout(0.5);
        LoraAdapter adapter = LoraAdapter.create(llama.transformer(), config, 10);
        LoraAdapter twin = LoraAdapter.create(llama.transformer(), config, 10);
        randomizeB(adapter, 11);
        randomizeB(twin, 11);
        LoraAdapter noDropout = LoraAdapter.create(llama.transformer(), config.withDropout(0), 10);
        randomizeB(noDropout, 11);
        Tensor evaluation = logits(adapter.model());
        assertEquals(0f, maxAbsDiff(logits(noDropout.model()), evaluation));

        adapter.train();
        twin.train();
        Tensor first = logits(adapter.model());
        Tensor second = logits(adapter.model());
        assertTrue(maxAbsDiff(evaluation, first) > 1e-3f, "dropout changes the update in training");
        assertTrue(maxAbsDiff(first, second) > 1e-3f, "each pass draws a new mask");
        assertEquals(0f, maxAbsDiff(first, logits(twin.model())), "the same seed draws the same masks");
        adapter.eval();
        assertEquals(0f, maxAbsDiff(evaluation, logits(adapter.model())));
    }

    @Test
    void aNonLinearBaseCannotBeMerged() {
        LoraAdapter inner = LoraAdapter.create(llama.transformer(), LoraConfig.of(2, 2, "q_proj"), 1);
        LoraAdapter outer = LoraAdapter.create(inner.model(), LoraConfig.of(2, 2, "q_proj"), 2);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> outer.merge(LoraAdapter.MergePrecision.F32));
        assertTrue(e.getMessage().contains("model.layers.0.self_attn.q_proj.weight"), e.getMessage());
    }
}
