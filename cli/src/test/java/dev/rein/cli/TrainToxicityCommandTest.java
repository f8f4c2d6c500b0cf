package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainToxicityCommandTest {
    @TempDir
    Path folder;

    @Test
    void trainsAHeadPrintsHeldOutFiguresAndTheScorerScoresText() throws IOException {
        Path data = firstRows(60);
        Path out = folder.resolve("scorer");
        CliRun run = CliRun.of("train", "toxicity", "--model", SharedData.path("models/stories260K").toString(),
                "--data", data.toString(), "--out", out.toString(), "--epochs", "2", "--pooler", "identity",
                "--held-out", "0.25", "--profanity-model",
                SharedData.path("data/toxicity/profanity_model.json").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("data: 60 rows, 120 scored texts (0 without a toxicity score left out); "
                + "training on 90 texts of 45 rows, holding out 30 texts of 15 rows"), run.out());
        assertTrue(run.out().contains("epoch 2/2: loss "), run.out());
        assertTrue(run.out().contains("toxicity_agreement: 30 rows (scorer=profanity-check"), run.out());
        JsonNode heldOut = new ObjectMapper().readTree(out.resolve("held_out.json").toFile());
        assertEquals(30, heldOut.get("rows").asInt());
        assertTrue(heldOut.get("values").has("pearson"));
        assertTrue(Files.isRegularFile(out.resolve("held_out.profanity.json")));

        Path texts = folder.resolve("texts.jsonl");
        Files.writeString(texts, "{\"text\": \"You are a fucking idiot\"}\n{\"text\": \"Have a nice day!\"}\n");
        CliRun eval = CliRun.of("eval", "toxicity", "--input", texts.toString(), "--scorer", out.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("mean_toxicity"), eval.out());
    }

    @Test
    void mistakesAreOneLine() throws IOException {
        Path data = firstRows(4);
        String model = SharedData.path("models/stories260K").toString();
        Path used = Files.createDirectories(folder.resolve("used"));
        Files.writeString(used.resolve("file"), "x");
        assertError("is not empty", "--model", model, "--data", data.toString(), "--out", used.toString());
        Path out = folder.resolve("out").toAbsolutePath();
        assertError("--pooler mean: expected identity, linear_tanh or swiglu_tanh", "--model", model, "--data",
                data.toString(), "--out", out.toString(), "--pooler", "mean");
        assertError("--held-out must be between 0 and 1", "--model", model, "--data", data.toString(), "--out",
                out.toString(), "--held-out", "1");
        assertError("give one of them", "--model", model, "--data", data.toString(), "--out", out.toString(),
                "--train-backbone", "--train-only", "model.norm.weight");
        assertError("--data " + folder.resolve("absent.jsonl") + ": no such file", "--model", model, "--data",
                folder.resolve("absent.jsonl").toString(), "--out", out.toString());
        assertTrue(!Files.exists(out));
    }

    private void assertError(String message, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "train";
        args[1] = "toxicity";
        System.arraycopy(options, 0, args, 2, options.length);
        CliRun run = CliRun.of(args);
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains(message), run.err());
    }

    /** The first {@code n} rows of CogSteer's prompts (all of them have both toxicity scores). */
    private Path firstRows(int n) throws IOException {
        List<String> lines = Files.readAllLines(SharedData.path("data/cogsteer/rtp-test-toxic-2k.jsonl")).subList(0, n);
        Path file = folder.resolve("rtp-" + n + ".jsonl");
        Files.write(file, lines);
        return file;
    }
}
