package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rein.data.stories.StoryGenerator;
import dev.rein.models.LanguageModel;
import dev.rein.steering.ctrl.ControlTokenTrainer;
import dev.rein.steering.ctrl.ControlToken;
import dev.rein.steering.ctrl.ControlVocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rein ctrl train on the embedded default model for a few steps: the files written, the trained model loading with
 * the control tokens, --resume of a finished run, and the one-line errors (exit 1) of bad input.
 */
class CtrlCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    private static Path data;
    private static Path run;
    private static CliRun trained;

    @TempDir
    Path folder;

    @BeforeAll
    static void train() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String sentence : StoryGenerator.story(3).text().split("(?<=\\.) ")) {
            int i = lines.size();
            lines.add(JsonNodeFactory.instance.objectNode().put("text", sentence)
                    .put("toxicity", i % 2 == 0 ? "toxic" : "nontoxic").put("sentiment", i % 3 == 0 ? "pos" : "neg")
                    .toString());
        }
        data = Files.write(shared.resolve("labelled.jsonl"), lines);
        run = shared.resolve("run");
        trained = CliRun.of("ctrl", "train", "--data", data.toString(), "--condition", "both", "--out",
                run.toString(), "--steps", "2", "--batch-size", "2", "--grad-accum", "1", "--save-every", "1",
                "--seed", "3");
    }

    @Test
    void trainWritesTheStartingModelCheckpointsAndAModelWithTheControlTokens() throws IOException {
        assertEquals(0, trained.exitCode(), trained.err());
        Path model = run.resolve("final");
        assertTrue(trained.out().contains("model written to " + model), trained.out());
        assertTrue(trained.out().contains("training: condition both, 2 steps of 1 x 2 sequences"), trained.out());
        for (Path file : List.of(run.resolve(ControlTokenTrainer.INITIAL_MODEL).resolve("model.safetensors"),
                run.resolve("checkpoint-2"), run.resolve("metrics.jsonl"),
                model.resolve(ControlTokenTrainer.RECORD_FILE))) {
            assertTrue(Files.exists(file), file.toString());
        }
        try (LanguageModel loaded = LanguageModel.load(model)) {
            ControlVocabulary.check(loaded.tokenizer(), loaded.config().vocabSize(), List.of(ControlToken.values()),
                    model.toString());
        }
        JsonNode record = JSON.readTree(model.resolve(ControlTokenTrainer.RECORD_FILE).toFile());
        assertEquals(2, record.get("settings").get("batch_size").asInt());
        assertEquals(5e-4, record.get("settings").get("learning_rate").asDouble(), "the seed's default");
    }

    @Test
    void resumingAFinishedRunTrainsNothingMore() {
        CliRun again = CliRun.of("ctrl", "train", "--data", data.toString(), "--condition", "both", "--out",
                run.toString(), "--steps", "2", "--batch-size", "2", "--grad-accum", "1", "--save-every", "1",
                "--seed", "3", "--resume");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("already trained for 2 steps"), again.out());
    }

    @Test
    void anUnknownConditionIsOneLine() {
        assertBadInput(data, "unknown condition \"polite\"; expected one of none, toxicity, sentiment, both",
                "--condition", "polite");
    }

    @Test
    void aRowWithoutALabelNamesFileLineAndField() throws IOException {
        Path bad = Files.write(folder.resolve("bad.jsonl"), List.of("{\"text\": \"Tom ran.\", \"toxicity\": \"toxic\"}",
                "{\"text\": \"Sue sat.\"}"));
        assertBadInput(bad, bad + ": line 1: \"sentiment\" missing; expected one of [\"pos\", \"neu\", \"neg\"]",
                "--condition", "toxicity");
    }

    @Test
    void aFullOutputFolderWithoutResumeIsOneLine() {
        CliRun bad = CliRun.of("ctrl", "train", "--data", data.toString(), "--condition", "none", "--out",
                run.toString(), "--steps", "1");
        assertEquals(1, bad.exitCode(), bad.err());
        assertEquals("rein: error: --out " + run + " is not empty: pass --resume to continue the run in it, or "
                + "choose another --out", bad.err().strip());
    }

    @Test
    void aTokenizerWithoutFromScratchIsOneLine() {
        assertBadInput(data, "--tokenizer goes with --from-scratch", "--condition", "none", "--tokenizer",
                data.toString());
    }

    /** Exit 1, one line on stderr holding {@code expected}, nothing written to --out. */
    private void assertBadInput(Path labelled, String expected, String... more) {
        Path out = folder.resolve("out");
        List<String> args = new ArrayList<>(List.of("ctrl", "train", "--data", labelled.toString(), "--out",
                out.toString(), "--steps", "1", "--batch-size", "2", "--grad-accum", "1"));
        args.addAll(List.of(more));
        CliRun bad = CliRun.of(args.toArray(String[]::new));
        assertEquals(1, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains(expected), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
