package dev.rein.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.Completion;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Sampling;
import dev.rein.models.hooks.Hooks;
import dev.rein.serve.ServerAssets;
import dev.rein.steering.cie.CieControls;
import dev.rein.steering.cie.ControlSignal;
import dev.rein.steering.cie.ControlTable;
import dev.rein.steering.cie.ControlTableFiles;
import dev.rein.steering.cie.LengthMethod;
import dev.rein.steering.cie.TemplateKind;
import dev.rein.steering.recontrol.ValueFunction;
import dev.rein.steering.recontrol.ValueGuidance;
import dev.rein.steering.recontrol.ValueModelConfig;
import dev.rein.steering.vector.ControlVector;
import dev.rein.steering.vector.SteeringVector;
import dev.rein.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground's other knobs give what the library gives for the same assets: a saved vector loaded from the page,
 * RE-Control's value guidance and CIE's control values (each asset made here, as serve's tests make them).
 */
class LabControlTest {
    private static final String PROMPT = "Once upon a time";
    @TempDir
    static Path folder;
    static LanguageModel model;
    static LabServer server;
    static LabClient client;
    static ControlVector saved;
    static ValueFunction value;

    @BeforeAll
    static void start() throws Exception {
        model = LanguageModel.loadDefault();
        TreeMap<Integer, Tensor> directions = new TreeMap<>();
        directions.put(2, SteeringVector.contrast(model, 2, List.of("They laughed and hugged."),
                List.of("They cried.")).direction());
        saved = new ControlVector("default", directions);
        saved.write(folder.resolve("happy.safetensors"));
        value = ValueFunction.create(ValueModelConfig.uniform("ln_final.hook_normalized",
                model.config().hiddenSize(), 2, 16), 5);
        value.save(folder.resolve("value"), LabClient.JSON.createObjectNode());
        int hidden = model.config().hiddenSize();
        ControlTableFiles.save(folder.resolve("cie"), new ControlTableFiles.Saved(LengthMethod.CIE, TemplateKind.PLAIN,
                List.of(ControlTable.initialized(ControlSignal.length(), hidden, 11, 1.0)), "default"), hidden);
        ServerAssets assets = new ServerAssets(model).addValueModel("v", folder.resolve("value"))
                .addCie("length", folder.resolve("cie"));
        server = LabServer.start(model, "default", assets, "127.0.0.1", 0);
        client = new LabClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    @Test
    void aLoadedVectorSteersAsTheLibraryAddsIt() throws Exception {
        JsonNode loaded = client.postJson("/api/steer/load", LabClient.body("name", "happy", "path",
                folder.resolve("happy.safetensors").toString()));
        assertEquals("[2]", loaded.get("layers").toString());
        String steered = steered(Map.of("steering", Map.of("vector", "happy", "strength", 6)));
        assertEquals(model.generate(PROMPT, Sampling.greedy().maxNewTokens(20), saved.addTo(new Hooks(), 6f)), steered);
        assertNotEquals(model.generate(PROMPT, Sampling.greedy().maxNewTokens(20)), steered);
    }

    @Test
    void recontrolIsTheLibrarysGuidance() throws Exception {
        String guided = steered(Map.of("recontrol", Map.of("value_model", "v", "steps", 3, "step_size", 0.5)));
        assertEquals(model.generate(PROMPT, Sampling.greedy().maxNewTokens(20),
                new ValueGuidance(value, 3, 0.5f, ValueGuidance.UNBOUNDED, ValueGuidance.Positions.ALL).hooks()),
                guided);
    }

    @Test
    void cieIsTheLibrarysControlledGeneration() throws Exception {
        String controlled = steered(Map.of("cie", Map.of("tables", "length", "controls", Map.of("length", 40))));
        try (LanguageModel separate = LanguageModel.loadDefault()) {
            CieControls controls = CieControls.load(separate, folder.resolve("cie"), "cie");
            var settings = Sampling.greedy().maxNewTokens(20).resolve(separate.generationConfig(),
                    separate.config().specialTokens());
            var sequence = controls.generation().generate(List.of(controls.prompt(PROMPT, Map.of("length", 40.0),
                    "cie")), settings, GenerationOptions.NONE.withStopStringsDecodedBy(separate.tokenizer())).getFirst();
            assertEquals(Completion.of(separate.tokenizer(), sequence).text(), controlled);
        }
    }

    @Test
    void theModelDescriptionListsTheAssets() throws Exception {
        JsonNode described = client.getJson("/api/model");
        assertEquals("{\"v\":{\"hook_point\":\"ln_final.hook_normalized\"}}",
                described.get("assets").get("value_models").toString());
        assertEquals(true, described.get("assets").get("cie").has("length"));
    }

    /** The steered side's text of a 20-token greedy generation from {@link #PROMPT} with {@code control}. */
    private static String steered(Map<String, Object> control) throws Exception {
        var body = LabClient.JSON.createObjectNode().put("prompt", PROMPT).put("max_tokens", 20);
        control.forEach((field, value) -> body.set(field, LabClient.JSON.valueToTree(value)));
        return client.postJson("/api/generate", body.toString()).get("steered").asText();
    }
}
