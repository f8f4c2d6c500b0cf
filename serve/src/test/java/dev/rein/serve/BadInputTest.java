package dev.rein.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.models.LanguageModel;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests the server must refuse with OpenAI's error object, naming the field, and stay up after. */
class BadInputTest {
    static LanguageModel model;
    static ReinServer server;
    static Client client;

    @BeforeAll
    static void start() {
        model = LanguageModel.loadDefault();
        server = ReinServer.start(model, "default", ServerSettings.defaults().withAddress("127.0.0.1", 0),
                new ServerAssets(model));
        client = new Client(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    /** The error object of a refused request, after checking its status and shape. */
    private static JsonNode refused(int status, String path, String body) throws Exception {
        HttpResponse<String> response = client.post(path, body);
        assertEquals(status, response.statusCode(), response.body());
        assertFalse(response.body().contains("\tat ") || response.body().contains("Exception"), response.body());
        JsonNode error = Client.JSON.readTree(response.body()).get("error");
        assertTrue(error.has("message") && error.has("type") && error.has("param") && error.has("code"),
                response.body());
        return error;
    }

    @Test
    void malformedJson() throws Exception {
        JsonNode error = refused(400, "/v1/completions", "{\"prompt\": \"a\", ");
        assertTrue(error.get("message").asText().contains("not valid JSON"), error.toString());
        assertEquals("invalid_request_error", error.get("type").asText());
        refused(400, "/v1/completions", "[1, 2]");
        refused(400, "/v1/completions", "");
    }

    @Test
    void wrongTypesAndRanges() throws Exception {
        assertEquals("max_tokens", refused(400, "/v1/completions", "{\"prompt\": \"a\", \"max_tokens\": \"ten\"}")
                .get("param").asText());
        assertEquals("max_tokens", refused(400, "/v1/completions", "{\"prompt\": \"a\", \"max_tokens\": -5}")
                .get("param").asText());
        assertEquals("temperature", refused(400, "/v1/completions", "{\"prompt\": \"a\", \"temperature\": \"hot\"}")
                .get("param").asText());
        assertTrue(refused(400, "/v1/completions", "{\"prompt\": \"a\", \"temperature\": -1}")
                .get("message").asText().contains("temperature"));
        assertTrue(refused(400, "/v1/completions", "{\"prompt\": \"a\", \"temperature\": 0, \"n\": 2}")
                .get("message").asText().contains("sampling"));
        assertEquals("prompt", refused(400, "/v1/completions", "{\"prompt\": 5}").get("param").asText());
        assertEquals("stop", refused(400, "/v1/completions", "{\"prompt\": \"a\", \"stop\": [\"\"]}")
                .get("param").asText());
        assertEquals("frequency_penalty", refused(400, "/v1/completions",
                "{\"prompt\": \"a\", \"frequency_penalty\": 3}").get("param").asText());
        assertEquals("messages", refused(400, "/v1/chat/completions", "{\"messages\": []}").get("param").asText());
    }

    @Test
    void unknownFieldsAreRefusedByName() throws Exception {
        JsonNode error = refused(400, "/v1/completions", "{\"prompt\": \"a\", \"temprature\": 0.5}");
        assertEquals("temprature", error.get("param").asText());
        assertEquals("unknown_field", error.get("code").asText());
        assertEquals("rein.vectors", refused(400, "/v1/completions",
                "{\"prompt\": \"a\", \"rein\": {\"vectors\": {}}}").get("param").asText());
        assertEquals("messages[0].mood", refused(400, "/v1/chat/completions",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\", \"mood\": 1}]}").get("param").asText());
    }

    @Test
    void promptsLongerThanTheContext() throws Exception {
        int[] ids = new int[600];
        Arrays.fill(ids, 5);
        JsonNode error = refused(400, "/v1/completions", "{\"prompt\": " + Arrays.toString(ids) + "}");
        assertEquals("context_length_exceeded", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("512"), error.toString());
        assertEquals("context_length_exceeded", refused(400, "/v1/completions",
                "{\"prompt\": \"Once\", \"max_tokens\": 1000}").get("code").asText());
        assertEquals("prompt", refused(400, "/v1/completions", "{\"prompt\": [99999]}").get("param").asText());
    }

    @Test
    void unknownModelsAssetsEndpointsAndMissingTemplates() throws Exception {
        assertEquals("model_not_found", refused(404, "/v1/completions", "{\"model\": \"gpt-4\", \"prompt\": \"a\"}")
                .get("code").asText());
        JsonNode asset = refused(400, "/v1/completions",
                "{\"prompt\": \"a\", \"rein\": {\"steering_vectors\": {\"joy\": 1.5}}}");
        assertEquals("unknown_asset", asset.get("code").asText());
        assertTrue(asset.get("message").asText().contains("'joy'"), asset.toString());
        assertTrue(refused(400, "/v1/completions",
                "{\"prompt\": \"a\", \"rein\": {\"recontrol\": {\"value_model\": \"v\", \"steps\": 3}}}")
                .get("message").asText().contains("'v'"));
        assertTrue(refused(400, "/v1/completions",
                "{\"prompt\": \"a\", \"rein\": {\"control_tokens\": [\"nontoxic\"]}}")
                .get("message").asText().contains("<|nontoxic|>"));
        assertEquals("not_found", refused(404, "/v1/nothing", "{}").get("code").asText());
        assertTrue(refused(400, "/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")
                .get("message").asText().contains("chat template"));
    }

    @Test
    void aBodyOverTheLimitIsRefused() throws Exception {
        String big = "{\"prompt\": \"" + "a".repeat(2_000_000) + "\"}";
        HttpResponse<String> response = client.post("/v1/completions", big);
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(Client.JSON.readTree(response.body()).get("error").has("message"), response.body());
    }

    @Test
    void theServerStaysUpAfterBadRequests() throws Exception {
        for (int i = 0; i < 5; i++) {
            refused(400, "/v1/completions", "{\"prompt\": ");
        }
        assertEquals(200, client.get("/health").statusCode());
        assertEquals(200, client.post("/v1/completions", "{\"prompt\": \"a\", \"max_tokens\": 2}").statusCode());
    }
}
