package dev.rein.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.Sampling;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests that arrive together: decoded in one batch with the same tokens, a bounded queue, disconnects, timeouts. */
class BatchingTest {
    private static final List<String> PROMPTS = List.of("Once upon a time", "The cat", "A little girl named Mia",
            "One day", "The sun was", "Tom and his dog went to the park", "She", "In a small village there lived");
    static LanguageModel model;

    @BeforeAll
    static void load() {
        model = LanguageModel.loadDefault();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static ReinServer serve(int rows, int queued, Duration timeout) {
        return ReinServer.start(model, "default", ServerSettings.defaults().withAddress("127.0.0.1", 0)
                .withLimits(rows, queued, timeout), new ServerAssets(model));
    }

    @Test
    void greedyRequestsDecodedTogetherEqualEachDecodedAlone() throws Exception {
        try (ReinServer server = serve(32, 64, Duration.ofMinutes(2));
             ExecutorService clients = Executors.newFixedThreadPool(PROMPTS.size())) {
            Client client = new Client(server.port());
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < PROMPTS.size(); i++) {
                String body = "{\"prompt\": " + Client.JSON.writeValueAsString(PROMPTS.get(i)) + ", \"max_tokens\": "
                        + (8 + 9 * i) + ", \"temperature\": 0}";
                answers.add(clients.submit(() -> client.postJson("/v1/completions", body)));
            }
            for (int i = 0; i < PROMPTS.size(); i++) {
                String alone = model.generate(PROMPTS.get(i), Sampling.greedy().maxNewTokens(8 + 9 * i));
                assertEquals(alone, answers.get(i).get().get("choices").get(0).get("text").asText(), PROMPTS.get(i));
            }
            assertTrue(server.peakBatchRows() > 1, "the requests should have shared a batch; peak "
                    + server.peakBatchRows());
        }
    }

    @Test
    void aFullQueueAnswers503WithRetryAfter() throws Exception {
        try (ReinServer server = serve(1, 1, Duration.ofMinutes(2));
             ExecutorService clients = Executors.newFixedThreadPool(6)) {
            Client client = new Client(server.port());
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(clients.submit(() -> client.post("/v1/completions",
                        "{\"prompt\": \"Once\", \"max_tokens\": 300, \"temperature\": 0}")));
            }
            int busy = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                if (response.statusCode() == 503) {
                    busy++;
                    assertEquals("1", response.headers().firstValue("Retry-After").orElse(""));
                    assertEquals("overloaded", Client.JSON.readTree(response.body()).get("error").get("code").asText());
                } else {
                    assertEquals(200, response.statusCode(), response.body());
                }
            }
            assertTrue(busy >= 1, "one running, one waiting and one queued leave at least 3 of 6 refused: " + busy);
        }
    }

    @Test
    void aClientThatLeavesStopsItsRow() throws Exception {
        try (ReinServer server = serve(32, 64, Duration.ofMinutes(2))) {
            Client client = new Client(server.port());
            HttpResponse<InputStream> response = client.http().send(client.request("/v1/completions",
                    "{\"prompt\": \"Once\", \"max_tokens\": 480, \"temperature\": 0, \"stream\": true}"),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                assertTrue(body.read(new byte[64]) > 0);
            }
            for (int wait = 0; wait < 600 && server.leftRows() == 0; wait++) {
                Thread.sleep(50);
            }
            assertEquals(1, server.leftRows(), "the row of the client that left should have been dropped");
            assertEquals(200, client.get("/health").statusCode());
        }
    }

    @Test
    void aRequestPastTheTimeoutIsStopped() throws Exception {
        try (ReinServer server = serve(32, 64, Duration.ofMillis(1))) {
            HttpResponse<String> response = new Client(server.port()).post("/v1/completions",
                    "{\"prompt\": \"Once\", \"max_tokens\": 400, \"temperature\": 0}");
            assertEquals(504, response.statusCode(), response.body());
            assertEquals("timeout", Client.JSON.readTree(response.body()).get("error").get("code").asText());
        }
    }
}
