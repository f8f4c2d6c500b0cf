package dev.rein.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.autograd.NoGrad;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.Sampling;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.CachedRun;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.serve.ServerAssets;
import dev.rein.tensor.Tensor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab's JSON API on the embedded default model, its numbers checked against the library computed directly. */
class LabApiTest {
    private static final String PROMPT = "Once upon a time, there was a little fox named Ben";
    /** Longer than one pass of patched rows ({@link ActivationPatching#ROWS_PER_PASS}), differing after it. */
    private static final String CLEAN = "Once upon a time, there was a fox. Ben and Rose went to the park. Ben gave the ball to";
    private static final String CORRUPTED = "Once upon a time, there was a fox. Ben and Rose went to the park. Rose gave the ball to";

    private static LanguageModel model;
    private static LabServer server;
    private static LabClient client;

    @BeforeAll
    static void start() {
        model = LanguageModel.loadDefault();
        server = LabServer.start(model, "default", new ServerAssets(model), "127.0.0.1", 0);
        client = new LabClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    /**
     * Each lens cell equals the model's own output when the last block's residual stream is replaced (by a hook) with
     * that block's: final norm and head applied to {@code blocks.L.hook_resid_post} by the forward pass itself.
     */
    @Test
    void logitLensEqualsTheHeadReadingEachBlocksResidualStream() throws Exception {
        JsonNode lens = client.postJson("/api/lens", LabClient.body("prompt", PROMPT, "k", 3));
        int[] ids = model.tokenizer().encode(PROMPT);
        int layers = model.config().numLayers();
        int vocab = model.config().vocabSize();
        CachedRun run = model.runWithCache(PROMPT, point -> point.endsWith("hook_resid_post"));
        assertEquals(layers, lens.get("cells").size());
        for (int layer = 0; layer < layers; layer++) {
            Tensor residual = run.cache().get(HookPoints.residPost(layer));                  // [1, T, H]
            float[] logits;
            try (NoGrad scope = NoGrad.enter()) {
                logits = model.transformer().forward(TokenBatch.of(ids), new Hooks().add(
                        HookPoints.residPost(layers - 1), (x, context) -> residual)).value().toFloatArray();
            }
            JsonNode row = lens.get("cells").get(layer);
            assertEquals(ids.length, row.size());
            for (int t = 0; t < ids.length; t++) {
                double[] probabilities = softmax(logits, t * vocab, vocab);
                int best = argmax(probabilities);
                JsonNode cell = row.get(t);
                assertEquals(3, cell.size());
                assertEquals(best, cell.get(0).get("id").asInt(), "layer " + layer + " position " + t);
                for (JsonNode prediction : cell) {
                    assertEquals(probabilities[prediction.get("id").asInt()], prediction.get("probability").asDouble(),
                            1e-5, "layer " + layer + " position " + t);
                }
            }
        }
    }

    @Test
    void tokensCarryTheModelsNextTokenPredictions() throws Exception {
        JsonNode answer = client.postJson("/api/tokens", LabClient.body("prompt", PROMPT, "k", 2));
        int[] ids = model.tokenizer().encode(PROMPT);
        float[] logits = model.logits(PROMPT).toFloatArray();                                // [T, V]
        int vocab = model.config().vocabSize();
        assertEquals(ids.length, answer.get("tokens").size());
        for (int t = 0; t < ids.length; t++) {
            assertEquals(ids[t], answer.get("tokens").get(t).get("id").asInt());
            assertEquals(model.tokenizer().idToPiece(ids[t]), answer.get("tokens").get(t).get("piece").asText());
            double[] probabilities = softmax(logits, t * vocab, vocab);
            JsonNode best = answer.get("predictions").get(t).get(0);
            assertEquals(argmax(probabilities), best.get("id").asInt());
            assertEquals(probabilities[best.get("id").asInt()], best.get("probability").asDouble(), 1e-5);
        }
    }

    @Test
    void attentionPatternsAreTheHookPatternsAndScoresFollowFromThem() throws Exception {
        JsonNode answer = client.postJson("/api/attention", LabClient.body("prompt", PROMPT));
        int layers = model.config().numLayers();
        int heads = model.config().attention().numHeads();
        int t = model.tokenizer().encode(PROMPT).length;
        CachedRun run = model.runWithCache(PROMPT, point -> point.endsWith("hook_pattern"));
        assertEquals(layers, answer.get("patterns").size());
        for (int layer = 0; layer < layers; layer++) {
            float[] expected = run.cache().get(HookPoints.pattern(layer)).contiguous().toFloatArray();  // [1, Hq, T, T]
            assertEquals(heads, answer.get("patterns").get(layer).size());
            for (int head = 0; head < heads; head++) {
                JsonNode pattern = answer.get("patterns").get(layer).get(head);
                assertEquals(t, pattern.size());
                double previous = 0;
                for (int q = 0; q < t; q++) {
                    for (int k = 0; k < t; k++) {
                        assertEquals(expected[(head * t + q) * t + k], pattern.get(q).get(k).floatValue(), 0f);
                    }
                    if (q > 0) previous += expected[(head * t + q) * t + q - 1];
                }
                JsonNode score = answer.get("scores").get(layer).get(head);
                assertEquals(previous / (t - 1), score.get("previous_token").asDouble(), 1e-6);
                double induction = score.get("induction").asDouble();
                assertTrue(induction >= 0 && induction <= 1, "induction " + induction);
                double entropy = score.get("entropy_bits").asDouble();
                assertTrue(entropy >= 0 && entropy <= Math.log(t) / Math.log(2) + 1e-9, "entropy " + entropy);
            }
        }
        JsonNode one = client.postJson("/api/attention", LabClient.body("prompt", PROMPT, "layer", 1));
        assertTrue(one.get("patterns").get(0).isNull(), "only layer 1's patterns are sent");
        assertEquals(answer.get("patterns").get(1), one.get("patterns").get(1));
        assertEquals(answer.get("scores"), one.get("scores"));
    }

    /**
     * Patching the residual stream entering block 0 at the one position where the prompts differ makes the corrupted
     * run the clean run (recovered 1); at any other position it changes nothing (0). Each head's z is one column.
     */
    @Test
    void patchingRecoversAllAtTheDifferingTokenAndNothingElsewhere() throws Exception {
        JsonNode answer = client.postJson("/api/patch", LabClient.body("clean", CLEAN, "corrupted", CORRUPTED));
        int[] clean = model.tokenizer().encode(CLEAN);
        int[] corrupted = model.tokenizer().encode(CORRUPTED);
        assertTrue(clean.length > ActivationPatching.ROWS_PER_PASS, "the prompts span two passes");
        JsonNode embedded = answer.get("sites").get("resid_pre").get("recovered").get(0);
        assertEquals(clean.length, embedded.size());
        for (int t = 0; t < clean.length; t++) {
            assertEquals(clean[t] == corrupted[t] ? 0 : 1, embedded.get(t).asDouble(), 1e-4, "position " + t);
        }
        assertEquals(model.config().attention().numHeads(), answer.get("sites").get("z").get("recovered").get(0).size());
        assertEquals("head", answer.get("sites").get("z").get("columns").asText());
        assertEquals(model.config().numLayers(), answer.get("sites").get("mlp_out").get("recovered").size());
        float[] cleanLogits = model.logits(CLEAN).toFloatArray();
        int vocab = model.config().vocabSize();
        int last = (clean.length - 1) * vocab;
        int answerId = answer.get("answer").get("id").asInt();
        assertEquals(argmax(softmax(cleanLogits, last, vocab)), answerId);
        assertEquals(cleanLogits[last + answerId] - cleanLogits[last + answer.get("wrong").get("id").asInt()],
                answer.get("clean_difference").asDouble(), 1e-5);
    }

    @Test
    void patchingStreamsProgressThenItsResult() throws Exception {
        HttpResponse<String> response = client.post("/api/patch", LabClient.body("clean", CLEAN, "corrupted",
                CORRUPTED, "sites", List.of("mlp_out", "z"), "stream", true));
        assertEquals(200, response.statusCode());
        List<String> events = response.body().lines().filter(line -> line.startsWith("event: ")).toList();
        int steps = 2 * model.config().numLayers();
        assertEquals(steps + 1, events.size(), response.body());
        assertEquals("event: result", events.getLast());
        assertTrue(response.body().contains("{\"done\":" + steps + ",\"total\":" + steps + "}"), response.body());
    }

    /** Strength 0 leaves the steered side equal to the plain one, which is the library's greedy text. */
    @Test
    void steeringPlaygroundGeneratesSideBySide() throws Exception {
        client.postJson("/api/steer/build", LabClient.body("name", "joy", "positive", List.of("I love it, what fun!"),
                "negative", List.of("I hate it, how sad."), "layer", 1));
        String plain = model.generate("Once upon a time", Sampling.greedy().maxNewTokens(20));
        JsonNode off = client.postJson("/api/generate", LabClient.body("prompt", "Once upon a time", "max_tokens", 20,
                "steering", Map.of("vector", "joy", "strength", 0)));
        assertEquals(plain, off.get("plain").asText());
        assertEquals(plain, off.get("steered").asText());
        JsonNode on = client.postJson("/api/generate", LabClient.body("prompt", "Once upon a time", "max_tokens", 20,
                "steering", Map.of("vector", "joy", "strength", 8)));
        assertEquals(plain, on.get("plain").asText());
        assertNotEquals(plain, on.get("steered").asText());
    }

    @Test
    void badRequestsAreRefusedNamingTheField() throws Exception {
        refused(client.post("/api/lens", "{\"prompt\": \"a\", \"top\": 3}"), "unknown field 'top'");
        refused(client.post("/api/lens", "{\"prompt\": \"a\", \"k\": 0}"), "'k' must be in 1..20");
        refused(client.post("/api/patch", LabClient.body("clean", "Ben went home", "corrupted", "Ben")),
                "same number of tokens");
        refused(client.post("/api/patch", LabClient.body("clean", CLEAN, "corrupted", CORRUPTED, "sites",
                List.of("resid_mid"))), "unknown patch site 'resid_mid'");
        refused(client.post("/api/generate", LabClient.body("prompt", "a", "steering", Map.of("vector", "nope"))),
                "unknown steering vector 'nope'");
        refused(client.post("/api/steer/build", LabClient.body("positive", List.of("a"), "negative", List.of("b"),
                "layer", 99)), "'layer' must be a block index");
        refused(client.post("/api/lens", "{not json"), "not valid JSON");
        HttpResponse<String> unknown = client.post("/api/nothing", "{}");
        assertEquals(404, unknown.statusCode());
        assertEquals("not_found", LabClient.JSON.readTree(unknown.body()).get("error").get("code").asText());
    }

    /**
     * A streaming sweep whose client closes its connection after the first progress event stops before its last
     * step, and the model is free for the next request.
     */
    @Test
    void aSweepStopsWhenItsClientGoesAway() throws Exception {
        String body = LabClient.body("clean", CLEAN, "corrupted", CORRUPTED, "stream", true);     // 16 steps
        int before = server.stoppedJobs();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /api/patch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("event: progress")) {
                // the status line and headers
            }
            assertEquals("event: progress", line);
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (server.stoppedJobs() == before && System.nanoTime() < deadline) Thread.sleep(50);
        assertEquals(before + 1, server.stoppedJobs());
        assertEquals(model.tokenizer().encode("Once").length, client.postJson("/api/tokens",
                LabClient.body("prompt", "Once")).get("tokens").size());
    }

    private static void refused(HttpResponse<String> response, String words) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        String message = LabClient.JSON.readTree(response.body()).get("error").get("message").asText();
        assertTrue(message.contains(words), message);
    }

    private static double[] softmax(float[] logits, int offset, int vocab) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) max = Math.max(max, logits[offset + v]);
        double sum = 0;
        double[] out = new double[vocab];
        for (int v = 0; v < vocab; v++) sum += out[v] = Math.exp(logits[offset + v] - max);
        for (int v = 0; v < vocab; v++) out[v] /= sum;
        return out;
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
