package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.models.LanguageModel;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** {@code rein logits}: every logit as JSON matches the PyTorch reference; the table; one-line input errors. */
class LogitsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String stories() {
        return SharedData.path("models/stories260K").toString();
    }

    static String gpt2Tiny() {
        return SharedData.path("models/gpt2-capp-tiny").toString();
    }

    static JsonNode json(CliRun run) throws IOException {
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(run.out());
    }

    static String ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(","));
    }

    @Test
    void jsonLogitsMatchTheReferenceAtEveryPositionAndToken() throws IOException {
        JsonNode prompt = JSON.readTree(SharedData.path("reference/fixtures/hf-llama-stories260K.json").toFile())
                .get("prompts").get(1);
        JsonNode out = json(CliRun.of("logits", "--model", stories(), "--ids", ids(prompt.get("input_ids")), "--json"));
        assertEquals(1, out.size());
        JsonNode expected = prompt.get("logits");
        JsonNode actual = out.get("logits");
        assertEquals(expected.size(), actual.size());
        for (int t = 0; t < expected.size(); t++) {
            assertEquals(expected.get(t).size(), actual.get(t).size());
            for (int v = 0; v < expected.get(t).size(); v++) {
                double x = expected.get(t).get(v).asDouble();
                double diff = Math.abs(actual.get(t).get(v).asDouble() - x);
                assertTrue(diff <= 1e-4 * Math.max(1, Math.abs(x)), "position " + t + ", token " + v + ": " + diff);
            }
        }
    }

    @Test
    void jsonFloatsReadBackToTheExactLogits() throws IOException {
        int[] ids = {1, 403, 407};
        JsonNode printed = json(CliRun.of("logits", "--model", stories(), "--ids", "1,403,407", "--json")).get("logits");
        try (LanguageModel model = LanguageModel.load(SharedData.path("models/stories260K"))) {
            float[] logits = model.transformer().forward(TokenBatch.of(ids)).value().toFloatArray();
            int vocab = model.config().vocabSize();
            for (int i = 0; i < logits.length; i++) {
                String text = printed.get(i / vocab).get(i % vocab).asText();
                float value = Float.parseFloat(text);
                assertEquals(Float.toString(value), text, "index " + i + ": the shortest text of a float");
                // the same pass in this JVM, though not bit for bit: once the JIT compiles the Vector API's
                // reductions (after other tests warmed them) they may add the lanes in another order
                assertEquals(logits[i], value, 1e-5f * Math.max(1, Math.abs(logits[i])), "index " + i);
            }
        }
    }

    @Test
    void textIsEncodedWithTheTokenizersSpecialTokens() throws IOException {
        JsonNode fromText = json(CliRun.of("logits", "--model", stories(), "--text", "Once upon", "--json"));
        JsonNode fromIds = json(CliRun.of("logits", "--model", stories(), "--ids", "1 403 407", "--json"));
        // the same ids give the same logits, up to the last bits the JIT may move while it compiles the kernels
        assertEquals(fromIds.get("logits").size(), fromText.get("logits").size());
        for (int t = 0; t < fromIds.get("logits").size(); t++) {
            JsonNode want = fromIds.get("logits").get(t);
            JsonNode got = fromText.get("logits").get(t);
            assertEquals(want.size(), got.size());
            for (int j = 0; j < want.size(); j++) {
                assertEquals(want.get(j).asDouble(), got.get(j).asDouble(), 1e-4 * Math.max(1, Math.abs(want.get(j).asDouble())));
            }
        }
    }

    @Test
    void theTableShowsEachPositionsTokenLogsumexpAndTopFive() {
        CliRun run = CliRun.of("logits", "--model", stories(), "--prompt", "Once upon");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(1 + 3 * 6, lines.size(), run.out());
        assertTrue(lines.get(7).matches("position 1: \"▁Once\" \\(403\\), logsumexp \\d+\\.\\d{4}"), lines.get(7));
        // after "Once" the model is sure of "upon"
        assertTrue(lines.get(8).matches(" +407 +\"▁upon\" +\\d+\\.\\d{4} +9\\d\\.\\d\\d%"), lines.get(8));
    }

    @Test
    void aModelWithoutTokenizerTakesIdsAndShowsThemAsIds() {
        CliRun run = CliRun.of("logits", "--model", gpt2Tiny(), "--ids", "50,3");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("position 1: #3, logsumexp "), run.out());
    }

    @Test
    void badInputIsOneLineNamingTheOptionAndValue() {
        String model = stories();
        assertError("rein: error: --ids: expected token ids, found \"x\"", "logits", "--model", model, "--ids", "1,x");
        assertError("rein: error: --ids: id -3 is outside the vocabulary (0..511)",
                "logits", "--model", model, "--ids", "1,-3");
        assertError("rein: error: --ids: id 512 is outside the vocabulary (0..511)",
                "logits", "--model", model, "--ids", "512");
        assertError("rein: error: --ids: no token ids given", "logits", "--model", model, "--ids", ",");
        assertError("rein: error: --model " + gpt2Tiny() + " has no tokenizer.json, so text cannot be encoded; give "
                + "token ids with --ids", "logits", "--model", gpt2Tiny(), "--text", "hello");
        assertErrorStartsWith("rein: error: --model /no/such/model: no such file or folder",
                "logits", "--model", "/no/such/model", "--ids", "1");
    }

    @Test
    void idsAndTextTogetherIsAUsageError() {
        assertEquals(2, CliRun.of("logits", "--model", stories(), "--ids", "1", "--text", "x").exitCode());
        assertEquals(2, CliRun.of("logits", "--model", stories()).exitCode());
    }

    /** Runs the command line and checks that it fails with exit code 1 and exactly this line on stderr. */
    static void assertError(String expected, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(1, run.exitCode(), run.out());
        assertEquals(expected, run.err().strip());
    }

    /** Like {@link #assertError}, for a line that goes on after {@code expectedStart} (the ways to name a model). */
    static void assertErrorStartsWith(String expectedStart, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(1, run.exitCode(), run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith(expectedStart), run.err());
    }
}
