package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rein.models.hooks.HookPoints;
import dev.rein.steering.recontrol.ValueFunction;
import dev.rein.steering.recontrol.ValueModelConfig;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rein recontrol eval on stories260K, with a random value model. */
class RecontrolEvalCommandTest {
    private static final String MODEL = SharedData.path("models/stories260K").toString();

    @TempDir
    static Path shared;
    private static Path prompts;
    private static Path value;

    @TempDir
    Path folder;

    @BeforeAll
    static void promptsAndAValueModel() throws IOException {
        prompts = shared.resolve("prompts.jsonl");
        Files.writeString(prompts, "{\"prompt\": \"Once upon a time\"}\n{\"prompt\": \"The dog\"}\n");
        value = shared.resolve("value");
        ValueFunction.create(ValueModelConfig.uniform(HookPoints.FINAL_NORMALIZED, 64, 1, 16), 3)
                .save(value, JsonNodeFactory.instance.objectNode());
    }

    @Test
    void withoutAscentStepsBothSidesAgreeAndTheReportHoldsEveryPair() throws IOException {
        Path out = folder.resolve("eval.json");
        CliRun run = CliRun.of(args(out, "--steps", "0", "--step-size", "1"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("2 prompts x 2 samples, length: -|words - 4|; RE-Control: 0 steps of 1.0"),
                run.out());
        assertTrue(run.out().contains("metric                  plain   RE-Control       change\nreward "), run.out());
        assertTrue(run.out().contains("wrote " + out), run.out());
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals(0, json.get("metrics").get("mean_reward").get("change").asDouble());
        assertEquals(0, json.get("metrics").get("coherence").get("change").asDouble(), 1e-6, "float sums may move");
        assertEquals(4, json.get("rows").size());
        assertEquals("The dog", json.get("rows").get(2).get("prompt").asText());
        assertEquals(json.get("rows").get(2).get("plain"), json.get("rows").get(2).get("re_control"));
        JsonNode settings = json.get("settings");
        assertEquals(value.toString(), settings.get("value_model").asText());
        assertEquals("length: -|words - 4|", settings.get("reward").asText());
        assertEquals(3, settings.get("decoding").get("seed").asInt());
    }

    @Test
    void aLargeEditChangesTheSteeredResponsesOnly() throws IOException {
        Path plainOut = folder.resolve("plain.json");
        Path steeredOut = folder.resolve("steered.json");
        assertEquals(0, CliRun.of(args(plainOut, "--steps", "0", "--step-size", "1")).exitCode());
        CliRun steered = CliRun.of(args(steeredOut, "--steps", "3", "--step-size", "50", "--max-edit-norm", "30"));
        assertEquals(0, steered.exitCode(), steered.err());
        JsonNode plainRows = new ObjectMapper().readTree(plainOut.toFile()).get("rows");
        JsonNode steeredRows = new ObjectMapper().readTree(steeredOut.toFile()).get("rows");
        assertEquals(plainRows.get(0).get("plain"), steeredRows.get(0).get("plain"), "the same seeds");
        assertNotEquals(steeredRows.findValuesAsText("plain"), steeredRows.findValuesAsText("re_control"));
    }

    @Test
    void userMistakesAreOneLineErrors() {
        Path out = folder.resolve("eval.json");
        CliRun noValue = CliRun.of(base(out, "--value", folder.toString(), "--reward", "length", "--target-words",
                "4", "--steps", "1", "--step-size", "1"));
        assertEquals(1, noValue.exitCode());
        assertTrue(noValue.err().contains("--value " + folder + ": no value_model.json there"), noValue.err());

        String[] undecided = Arrays.stream(args(out, "--steps", "1", "--step-size", "1"))
                .filter(arg -> !arg.equals("--sample")).toArray(String[]::new);
        CliRun noChoice = CliRun.of(undecided);
        assertEquals(1, noChoice.exitCode());
        assertTrue(noChoice.err().contains("--greedy or --sample"), noChoice.err());

        CliRun noFolder = CliRun.of(args(folder.resolve("absent").resolve("eval.json"), "--steps", "1",
                "--step-size", "1"));
        assertEquals(1, noFolder.exitCode());
        assertTrue(noFolder.err().contains("does not exist"), noFolder.err());

        CliRun noReward = CliRun.of(base(out, "--value", value.toString(), "--reward", "sentiment", "--steps", "1",
                "--step-size", "1"));
        assertEquals(1, noReward.exitCode());
        assertTrue(noReward.err().startsWith("rein: error: --reward sentiment: expected one of"), noReward.err());
        assertEquals(1, noReward.err().lines().count());
    }

    /** The command with the value model, a length reward and the given options. */
    private static String[] args(Path out, String... more) {
        String[] all = base(out, "--value", value.toString(), "--reward", "length", "--target-words", "4");
        return concat(all, more);
    }

    /** The command with the model, prompts, decoding and output, and the given options. */
    private static String[] base(Path out, String... more) {
        return concat(new String[] {"recontrol", "eval", "--model", MODEL, "--prompts", prompts.toString(),
                "--sample", "--seed", "3", "-n", "2", "--max-new-tokens", "8", "--out", out.toString()}, more);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
