package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.models.LanguageModel;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rein train lm}: fine-tuning and training from scratch on a tiny corpus, resuming, and user errors. */
class TrainLmCommandTest {
    private static final String MODEL = SharedData.path("models/stories260K").toString();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] NAMES = {"Tom", "Lily", "Sam", "Mia"};
    private static final String[] THINGS = {"a red ball", "a big box", "a small cat", "a blue kite"};

    @TempDir
    Path dir;

    /** Forty short sentences a child's book would have, one per line. */
    private Path corpus(String name, boolean jsonl) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String text = NAMES[i % 4] + " has " + THINGS[(i / 4) % 4] + ". " + NAMES[i % 4] + " is happy.";
            lines.add(jsonl ? JSON.createObjectNode().put("story", text).toString() : text);
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static List<JsonNode> metrics(Path out) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    @Test
    void withoutModelOrInitConfigTheEmbeddedModelIsFineTuned() throws IOException {
        Path out = dir.resolve("tuned-default");
        CliRun run = CliRun.of("train", "lm", "--data", corpus("corpus.txt", false).toString(), "--out", out.toString(),
                "--seq-len", "16", "--batch-size", "2", "--steps", "1", "--save-every", "0");
        assertEquals(0, run.exitCode(), run.err());
        try (LanguageModel tuned = LanguageModel.load(out.resolve("final"));
             LanguageModel embedded = LanguageModel.loadDefault()) {
            assertEquals(embedded.config().hiddenSize(), tuned.config().hiddenSize());
            assertEquals(embedded.config().vocabSize(), tuned.config().vocabSize());
            assertTrue(tuned.hasTokenizer(), "the embedded model's tokenizer is copied beside the weights");
        }
    }

    @Test
    void fineTuningLowersTheLossAndWritesALoadableModel() throws IOException {
        Path out = dir.resolve("tuned");
        CliRun run = CliRun.of("train", "lm", "--model", MODEL, "--data", corpus("corpus.txt", false).toString(),
                "--out", out.toString(), "--seq-len", "32", "--batch-size", "4", "--steps", "20", "--lr", "3e-3",
                "--schedule", "constant", "--eval-fraction", "0.2", "--eval-every", "10", "--save-every", "10");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("model: llama, "), run.out());
        assertTrue(run.out().contains("data: 32 documents, "), run.out());
        assertTrue(run.out().contains("; held out: 8 documents, "), run.out());
        assertTrue(run.out().contains("training: 20 steps of 1 x 4 rows, adamw lr 0.003, schedule constant"),
                run.out());
        assertTrue(run.out().contains("model written to " + out.resolve("final")), run.out());

        List<JsonNode> rows = metrics(out);
        assertEquals(20, rows.size());
        double first = rows.getFirst().get("loss").asDouble();
        double last = rows.getLast().get("loss").asDouble();
        assertTrue(last < 0.5 * first, "the training loss falls from " + first + " to " + last);
        assertTrue(rows.get(19).get("eval_loss").asDouble() < rows.get(9).get("eval_loss").asDouble(),
                "the held-out loss falls too");
        assertTrue(Files.isDirectory(out.resolve("checkpoint-10")) && Files.isDirectory(out.resolve("checkpoint-20")));
        try (LanguageModel tuned = LanguageModel.load(out.resolve("final"))) {
            assertTrue(tuned.hasTokenizer(), "the tokenizer is copied beside the weights");
        }
    }

    @Test
    void trainingFromScratchStartsFromARandomModelAndResumes() throws IOException {
        Path config = Files.writeString(dir.resolve("config.json"), """
                {"model_type": "llama", "vocab_size": 512, "hidden_size": 32, "intermediate_size": 64,
                 "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
                 "max_position_embeddings": 64, "tie_word_embeddings": true, "bos_token_id": 1, "eos_token_id": 2}
                """);
        Path out = dir.resolve("scratch");
        List<String> args = new ArrayList<>(List.of("train", "lm", "--init-config", config.toString(), "--tokenizer",
                MODEL, "--data", corpus("stories.jsonl", true).toString(), "--text-field", "story", "--out",
                out.toString(), "--seq-len", "16", "--batch-size", "4", "--lr", "1e-2", "--schedule", "constant",
                "--save-every", "3", "--seed", "7"));
        List<String> first = new ArrayList<>(args);
        first.addAll(List.of("--steps", "6"));
        CliRun run = CliRun.of(first.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(out.resolve("init/model.safetensors")), "the random model is kept");
        assertTrue(run.out().contains("trained (all)"), run.out());

        List<String> more = new ArrayList<>(args);
        more.addAll(List.of("--steps", "9", "--resume"));
        CliRun resumed = CliRun.of(more.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("step 9: loss ") && resumed.out().contains("(resumed from step 6)"),
                resumed.out());
        List<JsonNode> rows = metrics(out);
        assertEquals(9, rows.size());
        assertTrue(rows.getLast().get("loss").asDouble() < rows.getFirst().get("loss").asDouble());
    }

    @Test
    void onlyTheChosenWeightsChange() throws IOException {
        Path out = dir.resolve("head");
        CliRun run = CliRun.of("train", "lm", "--model", MODEL, "--data", corpus("corpus.txt", false).toString(),
                "--out", out.toString(), "--seq-len", "32", "--batch-size", "4", "--steps", "2", "--lr", "1e-2",
                "--train-only", "model.norm.weight", "--save-every", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("64 trained (names model.norm.weight)"), run.out());
        try (var tuned = dev.rein.formats.safetensors.Checkpoint.open(out.resolve("final"));
             var original = dev.rein.formats.safetensors.Checkpoint.open(Path.of(MODEL))) {
            for (String name : original.names()) {
                boolean same = java.util.Arrays.equals(original.tensor(name).toFloatArray(),
                        tuned.tensor(name).toFloatArray());
                assertEquals(!name.equals("model.norm.weight"), same, name);
            }
        }
    }

    @Test
    void mistakesAreOneLineErrors() throws IOException {
        Path data = corpus("corpus.txt", false);
        String out = dir.resolve("out").toString();
        assertError("--init-config needs --tokenizer: a model trained from scratch has no tokenizer yet",
                "--init-config", data.toString(), "--data", data.toString(), "--out", out);
        assertError("--data " + dir.resolve("none.txt") + ": no such file or folder",
                "--model", MODEL, "--data", dir.resolve("none.txt").toString(), "--out", out);
        assertError("--seq-len 1000 is longer than the model's 512 positions",
                "--model", MODEL, "--data", data.toString(), "--out", out, "--seq-len", "1000");
        assertError("--train-only lm_head: no weight of the model matches; names look like "
                + "model.layers.0.mlp.up_proj.weight", "--model", MODEL, "--data", data.toString(), "--out", out,
                "--train-only", "lm_head");
        Files.createDirectories(dir.resolve("full"));
        Files.writeString(dir.resolve("full/notes.txt"), "mine");
        assertError("--out " + dir.resolve("full") + " is not empty: pass --resume to continue the run in it, or choose "
                + "another --out", "--model", MODEL, "--data", data.toString(), "--out", dir.resolve("full").toString());
        assertError("--keep must be at least 1, not 0", "--model", MODEL, "--data", data.toString(), "--out", out,
                "--keep", "0");
        assertError("--save-every must not be negative, not -1", "--model", MODEL, "--data", data.toString(),
                "--out", out, "--save-every", "-1");

        CliRun both = CliRun.of("train", "lm", "--model", MODEL, "--init-config", data.toString(), "--data",
                data.toString(), "--out", out);
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }

    @Test
    void helpNamesTheOptions() {
        CliRun run = CliRun.of("train", "lm", "--help");
        assertEquals(0, run.exitCode(), run.err());
        for (String option : List.of("--model", "--init-config", "--tokenizer", "--data", "--text-field", "--out",
                "--seq-len", "--batch-size", "--accumulate", "--steps", "--epochs", "--lr", "--schedule",
                "--optimizer", "--weight-decay", "--clip", "--eval-data", "--eval-fraction", "--eval-every",
                "--save-every", "--keep", "--seed", "--train-only", "--resume", "--no-progress")) {
            assertTrue(run.out().contains(option), option + " in " + run.out());
        }
        assertTrue(CliRun.of("train").out().contains("lm"));
    }

    private static void assertError(String message, String... args) {
        List<String> all = new ArrayList<>(List.of("train", "lm"));
        all.addAll(List.of(args));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals("rein: error: " + message, run.err().strip());
    }
}
