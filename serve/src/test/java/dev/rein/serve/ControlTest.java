package dev.rein.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.Completion;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.Sampling;
import dev.rein.models.hooks.Hooks;
import dev.rein.steering.cie.CieControls;
import dev.rein.steering.cie.ControlSignal;
import dev.rein.steering.cie.ControlTable;
import dev.rein.steering.cie.ControlTableFiles;
import dev.rein.steering.cie.LengthMethod;
import dev.rein.steering.cie.TemplateKind;
import dev.rein.steering.cogsteer.AdapterKind;
import dev.rein.steering.cogsteer.LayerAdapter;
import dev.rein.steering.cogsteer.SteeredForward;
import dev.rein.steering.cogsteer.SteeringSettings;
import dev.rein.steering.dph.DphHeads;
import dev.rein.steering.dph.DphPooler;
import dev.rein.steering.recontrol.ValueFunction;
import dev.rein.steering.recontrol.ValueGuidance;
import dev.rein.steering.recontrol.ValueModelConfig;
import dev.rein.steering.vector.ControlVector;
import dev.rein.steering.vector.SteeringVector;
import dev.rein.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code rein} request options give what the library's entry points give for the same assets: steering vectors,
 * RE-Control, CogSteer and best-of-N, with the assets listed at {@code GET /v1/rein/assets}.
 */
class ControlTest {
    private static final String PROMPT = "Once upon a time";
    @TempDir
    static Path folder;
    static LanguageModel model;
    static ReinServer server;
    static Client client;
    static Tensor happy;
    static LayerAdapter adapter;
    static ValueFunction value;

    @BeforeAll
    static void start() throws Exception {
        model = LanguageModel.loadDefault();
        happy = SteeringVector.contrast(model, 2, List.of("They laughed and hugged."), List.of("They cried."))
                .direction();
        TreeMap<Integer, Tensor> directions = new TreeMap<>();
        directions.put(2, happy);
        new ControlVector("default", directions).write(folder.resolve("happy.safetensors"));
        adapter = LayerAdapter.create(model.transformer(), AdapterKind.BOTTLENECK, 1, 3);
        adapter.save(folder.resolve("cog"));
        value = ValueFunction.create(ValueModelConfig.uniform("ln_final.hook_normalized",
                model.config().hiddenSize(), 2, 16), 5);
        value.save(folder.resolve("value"), Client.JSON.createObjectNode());
        int eos = model.config().specialTokens().eos().getFirst();
        DphHeads.create(DphPooler.IDENTITY, 0.0, List.of("kind"), model.config().hiddenSize(),
                model.config().intermediateSize(), "<|endoftext|>", eos, 9).save(folder.resolve("heads"));
        int hidden = model.config().hiddenSize();
        ControlTableFiles.save(folder.resolve("cie"), new ControlTableFiles.Saved(LengthMethod.CIE, TemplateKind.PLAIN,
                List.of(ControlTable.initialized(ControlSignal.length(), hidden, 11, 1.0)), "default"), hidden);
        ServerAssets assets = new ServerAssets(model)
                .addCie("length", folder.resolve("cie"))
                .addSteeringVector("happy", folder.resolve("happy.safetensors"))
                .addCogSteer("calm", folder.resolve("cog"))
                .addValueModel("v", folder.resolve("value"))
                .addRewardHead("dph", folder.resolve("heads"));
        server = ReinServer.start(model, "default", ServerSettings.defaults().withAddress("127.0.0.1", 0), assets);
        client = new Client(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    private static String text(String rein) throws Exception {
        return client.postJson("/v1/completions", "{\"prompt\": \"" + PROMPT + "\", \"max_tokens\": 20,"
                + " \"temperature\": 0, \"rein\": " + rein + "}").get("choices").get(0).get("text").asText();
    }

    private static String library(Generator generator, Hooks hooks) {
        var settings = Sampling.greedy().maxNewTokens(20).resolve(model.generationConfig(),
                model.config().specialTokens());
        return Completion.of(model.tokenizer(), generator.generate(model.tokenizer().encode(PROMPT), settings,
                GenerationOptions.NONE.withHooks(hooks).withStopStringsDecodedBy(model.tokenizer())).getFirst()).text();
    }

    @Test
    void assetsAreListed() throws Exception {
        JsonNode assets = Client.JSON.readTree(client.get("/v1/rein/assets").body());
        assertEquals(2, assets.get("steering_vectors").get("happy").get("layers").get(0).asInt());
        assertEquals(1, assets.get("cogsteer").get("calm").get("layer").asInt());
        assertEquals("ln_final.hook_normalized", assets.get("value_models").get("v").get("hook_point").asText());
        assertEquals("kind", assets.get("reward_heads").get("dph").get("heads").get(0).asText());
        assertEquals("plain", assets.get("cie").get("length").get("template").asText());
    }

    @Test
    void steeringVectorsAreTheLibrarysResidualAddition() throws Exception {
        String steered = text("{\"steering_vectors\": {\"happy\": 3.0}}");
        assertEquals(model.generate(PROMPT, Sampling.greedy().maxNewTokens(20),
                new Hooks().addToResidual(2, happy, 3f)), steered);
        assertNotEquals(model.generate(PROMPT, Sampling.greedy().maxNewTokens(20)), steered);
    }

    @Test
    void recontrolIsTheLibrarysGuidance() throws Exception {
        String guided = text("{\"recontrol\": {\"value_model\": \"v\", \"steps\": 3, \"step_size\": 0.5}}");
        assertEquals(library(new Generator(model.transformer()),
                new ValueGuidance(value, 3, 0.5f, ValueGuidance.UNBOUNDED, ValueGuidance.Positions.ALL).hooks()),
                guided);
    }

    @Test
    void cogsteerIsTheLibrarysSteeredForward() throws Exception {
        String steered = text("{\"cogsteer\": {\"adapter\": \"calm\", \"norm_exp\": 0.6}}");
        Generator generator = new Generator(model.transformer(), new SteeredForward(model.transformer(), adapter,
                SteeringSettings.defaults().withNormExponent(0.6)));
        assertEquals(library(generator, Hooks.none()), steered);
    }

    @Test
    void cieIsTheLibrarysControlledGeneration() throws Exception {
        JsonNode out = client.postJson("/v1/completions", "{\"prompt\": \"Tell a tale.\", \"max_tokens\": 20,"
                + " \"temperature\": 0, \"rein\": {\"cie\": {\"tables\": \"length\", \"controls\": {\"length\": 40}}}}");
        try (LanguageModel separate = LanguageModel.loadDefault()) {
            CieControls controls = CieControls.load(separate, folder.resolve("cie"), "cie");
            var settings = Sampling.greedy().maxNewTokens(20).resolve(separate.generationConfig(),
                    separate.config().specialTokens());
            var sequence = controls.generation().generate(List.of(controls.prompt("Tell a tale.",
                    java.util.Map.of("length", 40.0), "prompt")), settings, GenerationOptions.NONE
                    .withStopStringsDecodedBy(separate.tokenizer())).getFirst();
            assertEquals(Completion.of(separate.tokenizer(), sequence).text(),
                    out.get("choices").get(0).get("text").asText());
            assertEquals(sequence.promptIds().length, out.get("usage").get("prompt_tokens").asInt());
        }
        HttpResponseCheck.refusedWith(client.post("/v1/completions", "{\"prompt\": \"a\", \"rein\": {\"cie\":"
                + " {\"tables\": \"length\", \"controls\": {\"words\": 3}}}}"), "words");
    }

    @Test
    void bestOfReturnsOneOfItsCandidates() throws Exception {
        JsonNode out = client.postJson("/v1/completions", "{\"prompt\": \"" + PROMPT + "\", \"max_tokens\": 12,"
                + " \"seed\": 4, \"rein\": {\"best_of\": 3, \"reward_head\": \"dph\"}}");
        assertEquals(1, out.get("choices").size());
        assertTrue(out.get("usage").get("completion_tokens").asInt() > 0, out.toString());
        HttpResponseCheck.refusedWith(client.post("/v1/completions", "{\"prompt\": \"a\", \"rein\": {\"best_of\": 2,"
                + " \"reward_head\": \"none\"}}"), "'none'");
        HttpResponseCheck.refusedWith(client.post("/v1/completions", "{\"prompt\": \"a\", \"rein\": {\"cogsteer\":"
                + " {\"adapter\": \"calm\"}, \"steering_vectors\": {\"happy\": 1}}}"), "cannot be combined");
    }
}
