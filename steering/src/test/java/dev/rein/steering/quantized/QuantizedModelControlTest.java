package dev.rein.steering.quantized;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.LossFunctions;
import dev.rein.autograd.Variable;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.gguf.GgufExport;
import dev.rein.formats.gguf.GgufQuantType;
import dev.rein.models.DefaultModel;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.Sampling;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.steering.recontrol.ValueFunction;
import dev.rein.steering.recontrol.ValueGuidance;
import dev.rein.steering.recontrol.ValueModelConfig;
import dev.rein.steering.vector.SteeringVector;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.GgufVocabulary;
import dev.rein.text.tokenizer.Tokenizer;
import dev.rein.training.adapters.LoraAdapter;
import dev.rein.training.adapters.LoraConfig;
import dev.rein.training.optim.AdamSettings;
import dev.rein.training.optim.AdamW;
import dev.rein.training.optim.NamedParameter;
import dev.rein.training.optim.Optimizer;
import dev.rein.training.optim.ParameterGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded default model written as a Q8_0 GGUF file and loaded with its projections kept quantised: hooks,
 * activation caches, steering vectors, RE-Control guidance and a LoRA adapter trained on the frozen quantised
 * weights all work on it as on the F32 model.
 */
class QuantizedModelControlTest {
    private static final String PROMPT = "Once upon a time";
    private static final String Q_PROJ = "model.layers.0.self_attn.q_proj.weight";
    private static Path folder;
    private static LanguageModel model;

    @BeforeAll
    static void load() throws IOException {
        Path source = DefaultModel.unpacked();
        folder = Files.createTempDirectory("rein-quantized");
        Path file = folder.resolve("default-q8_0.gguf");
        ModelConfig config = ModelConfig.readFolder(source);
        try (Checkpoint checkpoint = Checkpoint.open(source)) {
            GgufExport.write(file, config, checkpoint, GgufQuantType.Q8_0, "default", GgufVocabulary.of(source,
                    Tokenizer.load(source), config.vocabSize()));
        }
        model = LanguageModel.load(file);
    }

    @AfterAll
    static void close() throws IOException {
        model.close();
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) Files.delete(file);
        }
        Files.delete(folder);
    }

    @Test
    void theProjectionsStayQuantised() {
        var parameters = model.transformer().weights().parameters();
        for (String name : List.of(Q_PROJ, "model.layers.3.mlp.down_proj.weight", "model.embed_tokens.weight")) {
            assertEquals(DType.Q8_0, parameters.get(name).value().dtype(), name);
        }
        assertEquals(DType.F32, parameters.get("model.norm.weight").value().dtype());
    }

    @Test
    void generationTakesASteeringVectorAndFillsAnActivationCache() {
        String point = HookPoints.residPost(1);
        SteeringVector vector = SteeringVector.contrast(model, 1, List.of("happy sunny day"), List.of("sad dark night"))
                .withScale(8f);
        Sampling greedy = Sampling.greedy().maxNewTokens(24);
        String plain = model.generate(PROMPT, greedy);
        ActivationCache cache = new ActivationCache();
        String steered = model.generate(PROMPT, greedy, vector.hooks().cache(cache, point));
        assertNotEquals(plain, steered, "the vector changes the tale");
        assertEquals(steered, model.generate(PROMPT, greedy, vector.hooks()), "same hooks, same tale");
        List<Tensor> passes = cache.all(point);
        assertTrue(passes.size() > 1, "one activation per forward pass of the generation");
        assertEquals(model.config().hiddenSize(), passes.getFirst().size(-1));
    }

    @Test
    void reControlGuidanceEditsTheGeneration() {
        ValueFunction value = ValueFunction.create(ValueModelConfig.uniform(HookPoints.FINAL_NORMALIZED,
                model.config().hiddenSize(), 2, 64), 4);
        SamplingSettings settings = SamplingSettings.builder().sample().temperature(1).maxNewTokens(16).seed(11)
                .build();
        List<int[]> prompts = List.of(model.tokenizer().encode(PROMPT));
        GenerationOptions guided = GenerationOptions.NONE.withHooks(new ValueGuidance(value, 4, 20f,
                ValueGuidance.UNBOUNDED, ValueGuidance.Positions.NEW).hooks());
        int[][] plain = tokens(prompts, settings, GenerationOptions.NONE);
        int[][] edited = tokens(prompts, settings, guided);
        assertFalse(Arrays.deepEquals(plain, edited), "the guidance changes the tokens");
        assertArrayEquals(edited, tokens(prompts, settings, guided), "and does so deterministically");
    }

    @Test
    void aLoraAdapterTrainsOnTheFrozenQuantisedWeights() {
        LoraAdapter adapter = LoraAdapter.create(model.transformer(),
                LoraConfig.of(4, 8, "q_proj", "v_proj", "down_proj"), 3);
        List<NamedParameter> parameters = adapter.parameters().entrySet().stream()
                .map(e -> new NamedParameter(e.getKey(), e.getValue())).toList();
        Optimizer optimizer = new AdamW(List.of(ParameterGroup.of("lora", parameters, 1e-2, 0)),
                AdamSettings.defaults());
        int[] ids = model.tokenizer().encode("Once upon a time, there was a little girl named Lily.");
        float first = 0;
        float last = 0;
        for (int step = 0; step < 8; step++) {
            Variable loss = nextTokenLoss(adapter.model(), ids);
            if (step == 0) first = loss.value().item();
            last = loss.value().item();
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step(1);
        }
        assertTrue(last < first - 0.05f, "loss " + first + " -> " + last);
        Variable base = model.transformer().weights().parameters().get(Q_PROJ);
        assertEquals(DType.Q8_0, base.value().dtype());
        assertFalse(base.requiresGrad());
        assertNull(base.grad());
    }

    private static Variable nextTokenLoss(Transformer transformer, int[] ids) {
        Variable logits = transformer.forward(TokenBatch.of(ids), Hooks.none());              // [1, T, V]
        int t = ids.length - 1;
        long[] targets = new long[t];
        for (int i = 0; i < t; i++) targets[i] = ids[i + 1];
        return LossFunctions.crossEntropy(logits.narrow(1, 0, t).reshape(t, -1), Tensor.ofLongs(targets, t));
    }

    private static int[][] tokens(List<int[]> prompts, SamplingSettings settings, GenerationOptions options) {
        return new Generator(model.transformer()).generate(prompts, settings, options).stream()
                .map(GeneratedSequence::newIds).toArray(int[][]::new);
    }
}
