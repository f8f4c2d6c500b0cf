package dev.rein.cli;

import static dev.rein.cli.LogitsCommandTest.assertError;
import static dev.rein.cli.LogitsCommandTest.assertErrorStartsWith;
import static dev.rein.cli.LogitsCommandTest.gpt2Tiny;
import static dev.rein.cli.LogitsCommandTest.ids;
import static dev.rein.cli.LogitsCommandTest.json;
import static dev.rein.cli.LogitsCommandTest.stories;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code rein inspect}: the logit lens ends in the model's own prediction; attention weights; one-line errors. */
class InspectCommandTest {
    private static final String PROMPT = "Once upon a time there was a little girl named Lily";

    @Test
    void theLensHasARowPerResidualStreamAndItsLastRowIsTheArgmaxOfTheLogits() throws IOException {
        JsonNode inspect = json(CliRun.of("inspect", "--model", stories(), "--prompt", PROMPT, "--json", "--top", "2"));
        JsonNode logits = json(CliRun.of("logits", "--model", stories(), "--prompt", PROMPT, "--json")).get("logits");
        JsonNode lens = inspect.get("logit_lens");
        assertEquals(1 + 5, lens.size());
        assertEquals("blocks.0.hook_resid_pre", lens.get(0).get("point").asText());
        assertTrue(lens.get(0).get("layer").isNull());
        assertEquals("blocks.4.hook_resid_post", lens.get(5).get("point").asText());
        JsonNode last = lens.get(5).get("positions");
        assertEquals(logits.size(), last.size());
        for (int t = 0; t < logits.size(); t++) {
            assertEquals(argmax(logits.get(t)), last.get(t).get(0).get("id").asInt(), "position " + t);
            assertEquals(2, last.get(t).size());
            double first = last.get(t).get(0).get("probability").asDouble();
            assertTrue(first >= last.get(t).get(1).get("probability").asDouble(), "position " + t);
        }
        assertEquals(1, inspect.get("ids").get(0).asInt());          // the tokenizer's BOS
        assertEquals("▁Once", inspect.get("pieces").get(1).asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"random-gpt2-tiny", "random-gemma2", "random-qwen3-tiny"})
    void theLastLensRowIsTheReferenceArgmaxForEveryFamily(String fixture) throws IOException {
        JsonNode reference = new ObjectMapper().readTree(
                SharedData.path("reference/fixtures/" + fixture + ".json").toFile());
        JsonNode prompt = reference.get("prompts").get(1);
        JsonNode inspect = json(CliRun.of("inspect", "--model", SharedData.path(reference.get("model_dir").asText())
                .toString(), "--ids", ids(prompt.get("input_ids")), "--json"));
        JsonNode lens = inspect.get("logit_lens");
        JsonNode last = lens.get(lens.size() - 1).get("positions");
        for (int t = 0; t < prompt.get("argmax").size(); t++) {
            assertEquals(prompt.get("argmax").get(t).asInt(), last.get(t).get(0).get("id").asInt(), "position " + t);
        }
    }

    @Test
    void theGridFitsA100ColumnTerminalAndEndsWithTheModelsPrediction() {
        CliRun run = CliRun.of("inspect", "--model", stories(), "--prompt", PROMPT);
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        lines.forEach(line -> assertTrue(line.length() <= 100, line));
        // 14 positions in panels of 6: three panels, each headed by positions and input tokens
        assertEquals(3, lines.stream().filter(line -> line.startsWith("input ")).count());
        assertTrue(lines.contains("input  <s>            ▁Once          ▁upon          ▁a             ▁time          ▁there"),
                run.out());
        String lastBlock = lines.stream().filter(line -> line.startsWith("blk 4 ")).findFirst().orElseThrow();
        assertTrue(lastBlock.matches("blk 4  ▁Once +\\d+% ▁upon +\\d+% ▁a +\\d+% ▁time +\\d+% , +\\d+% ▁was +\\d+%"),
                lastBlock);
    }

    @Test
    void printedAttentionWeightsOfEachHeadSumToOne() {
        int positions = 14;
        CliRun run = CliRun.of("inspect", "--model", stories(), "--prompt", PROMPT, "--layer", "2", "--attended", "20");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("attention in block 2, 8 heads, at position 13 \"▁Lily\" (317)"), run.out());
        List<String> heads = run.out().lines().filter(line -> line.matches("  +\\d+ +\\d+\\.\\d\\d bits .*")).toList();
        assertEquals(8, heads.size());
        Pattern weight = Pattern.compile("  (\\d+) \\S+ (\\d\\.\\d{3})");
        for (String head : heads) {
            Matcher m = weight.matcher(head);
            double sum = 0;
            int listed = 0;
            while (m.find()) {
                sum += Double.parseDouble(m.group(2));
                listed++;
            }
            assertEquals(positions, listed, head);
            assertEquals(1.0, sum, positions * 0.0005, head);
        }
    }

    @Test
    void jsonAttentionHasEveryWeightAndTheEntropyOfEachHead() throws IOException {
        JsonNode attention = json(CliRun.of("inspect", "--model", stories(), "--prompt", "Once upon a time", "--json",
                "--layer", "1", "--all-positions")).get("attention");
        assertEquals(1, attention.get("layer").asInt());
        assertEquals("blocks.1.attn.hook_pattern", attention.get("point").asText());
        assertEquals(8, attention.get("heads").size());
        for (JsonNode head : attention.get("heads")) {
            assertEquals(5, head.get("positions").size());
            for (JsonNode position : head.get("positions")) {
                int q = position.get("position").asInt();
                double sum = 0;
                double entropy = 0;
                for (int k = 0; k < position.get("weights").size(); k++) {
                    double w = position.get("weights").get(k).asDouble();
                    if (k > q) {
                        assertEquals(0.0, w, "causal: position " + q + " cannot see " + k);
                    }
                    sum += w;
                    entropy -= w > 0 ? w * Math.log(w) / Math.log(2) : 0;
                }
                assertEquals(1.0, sum, 1e-5);
                assertEquals(entropy, position.get("entropy_bits").asDouble(), 1e-4);
                assertEquals(Math.min(3, q + 1), countPositive(position.get("top")));
            }
        }
    }

    @Test
    void aModelWithoutTokenizerIsInspectedByIds() {
        CliRun run = CliRun.of("inspect", "--model", gpt2Tiny(), "--ids", "50,1,8,15");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("input  #50            #1             #8             #15"), run.out());
        assertTrue(run.out().contains("attention in block 3, 4 heads, at position 3 #15"), run.out());
    }

    @Test
    void mistakesAreOneLineErrors() {
        String model = stories();
        assertError("rein: error: --layer 5: the model has 5 blocks (0..4)",
                "inspect", "--model", model, "--ids", "1", "--layer", "5");
        assertError("rein: error: --layer -1: the model has 5 blocks (0..4)",
                "inspect", "--model", model, "--ids", "1", "--layer", "-1");
        assertError("rein: error: --top 0: must be at least 1", "inspect", "--model", model, "--ids", "1", "--top", "0");
        assertError("rein: error: --model " + gpt2Tiny() + " has no tokenizer.json, so text cannot be encoded; give "
                + "token ids with --ids", "inspect", "--model", gpt2Tiny(), "--prompt", "hello");
        assertErrorStartsWith("rein: error: --model /no/such/model: no such file or folder",
                "inspect", "--model", "/no/such/model", "--ids", "1");
    }

    private static int countPositive(JsonNode top) {
        int n = 0;
        for (JsonNode entry : top) {
            n += entry.get("weight").asDouble() > 0 ? 1 : 0;
        }
        return n;
    }

    private static int argmax(JsonNode row) {
        int best = 0;
        for (int i = 1; i < row.size(); i++) {
            if (row.get(i).asDouble() > row.get(best).asDouble()) {
                best = i;
            }
        }
        return best;
    }
}
