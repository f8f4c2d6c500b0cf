package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.steering.cie.CieControls;
import dev.rein.steering.cie.ControlSignal;
import dev.rein.steering.cie.ControlTable;
import dev.rein.steering.cie.ControlTableFiles;
import dev.rein.steering.cie.LengthMethod;
import dev.rein.steering.cie.TemplateKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rein cie train, rein generate --cie and rein cie eval on the embedded default model, trained for a few steps on
 * tales of its story corpus (opening sentence to the rest of the tale): exit codes, files and shapes, not the effect
 * (the steering module's effect test proves that), and the one-line errors of bad input.
 */
class CieCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    private static Path trained;
    private static Path validation;

    @TempDir
    Path folder;

    /** One short training run, which the tests below read. */
    @BeforeAll
    static void train() throws IOException {
        Path data = CieTestRows.training(shared);
        validation = CieTestRows.benchmark(shared);
        CliRun run = CliRun.of("cie", "train", "--data", data.toString(), "--out", shared.resolve("run").toString(),
                "--steps", "3", "--batch-size", "2", "--lr", "1e-3", "--seed", "5");
        assertEquals(0, run.exitCode(), run.err());
        trained = shared.resolve("run").resolve("final");
        assertTrue(run.out().contains("cie model and tables written to " + trained), run.out());
        for (String file : List.of(ControlTableFiles.CONFIG_FILE, ControlTableFiles.TENSOR_FILE, "config.json")) {
            assertTrue(Files.isRegularFile(trained.resolve(file)), file);
        }
    }

    @Test
    void generateTakesTheTablesAndAControlValue() throws IOException {
        CliRun run = CliRun.of("generate", "--model", trained.toString(), "--cie", trained.toString(),
                "--control", "length=40", "--prompt", "Tom had a red ball.", "--max-new-tokens", "8", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode out = JSON.readTree(run.out());
        assertEquals(1, out.get("sequences").size());
        CliRun streamed = CliRun.of("generate", "--model", trained.toString(), "--cie", trained.toString(),
                "--control", "length=40", "--prompt", "Tom had a red ball.", "--max-new-tokens", "8");
        assertEquals(0, streamed.exitCode(), streamed.err());
        assertEquals(out.get("sequences").get(0).get("text").asText().strip(), streamed.out().strip(),
                "greedy by default with --cie: the stream and the JSON agree");
    }

    @Test
    void loraTrainsAnAdapterThatGenerateAppliesBesideTheTables() {
        Path out = folder.resolve("lora");
        CliRun train = CliRun.of("cie", "train", "--data", shared.resolve("train.jsonl").toString(), "--out",
                out.toString(), "--steps", "1", "--batch-size", "2", "--lora-rank", "2");
        assertEquals(0, train.exitCode(), train.err());
        Path adapter = out.resolve("adapter");
        assertTrue(Files.isRegularFile(adapter.resolve(CieControls.ADAPTER_CONFIG)));
        assertTrue(train.out().contains("--model default --cie " + adapter), train.out());
        CliRun run = CliRun.of("generate", "--cie", adapter.toString(), "--control", "length=20", "--prompt",
                "Tom had a red ball.", "--max-new-tokens", "4");
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void evalPrintsTheTableAndWritesReportPredictionsAndPlot() throws IOException {
        Path report = folder.resolve("report.json");
        Path plot = folder.resolve("sweep.png");
        CliRun run = CliRun.of("cie", "eval", "--model", trained.toString(), "--cie", trained.toString(),
                "--data", validation.toString(), "--limit", "3", "--unseen", "60-80", "--max-new-tokens", "10",
                "--out", report.toString(), "--plot", plot.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("cie") && run.out().contains("none"), run.out());
        JsonNode json = JSON.readTree(report.toFile());
        assertEquals("none", json.path("settings").path("baseline").asText(), json.toString());
        List<String> predictions = Files.readAllLines(folder.resolve("report.predictions.jsonl"));
        assertEquals(6, predictions.size(), "two methods, three rows");
        assertTrue(Files.size(plot) > 0);
    }

    @Test
    void aKilledRunResumesFromItsCheckpointToTheSameTables() throws IOException {
        Path out = folder.resolve("resumed");
        List<String> args = List.of("cie", "train", "--data", shared.resolve("train.jsonl").toString(), "--out",
                out.toString(), "--steps", "3", "--batch-size", "2", "--lr", "1e-3", "--save-every", "1", "--keep",
                "3");
        CliRun whole = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, whole.exitCode(), whole.err());
        Path tables = out.resolve("final").resolve(ControlTableFiles.TENSOR_FILE);
        byte[] uninterrupted = Files.readAllBytes(tables);
        for (String killed : List.of("checkpoint-3", "checkpoint-2", "final")) {       // as if killed after step 1
            try (Stream<Path> paths = Files.walk(out.resolve(killed))) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        CliRun refused = CliRun.of(args.toArray(String[]::new));
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("pass --resume"), refused.err());
        List<String> again = new ArrayList<>(args);
        again.add("--resume");
        CliRun resumed = CliRun.of(again.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("step 3: loss") && resumed.out().contains("(resumed from step 1)"),
                resumed.out());
        assertArrayEquals(uninterrupted, Files.readAllBytes(tables), "the same tables to the byte");
    }

    @Test
    void aRowWithoutAnswerIsOneLineNamingFileAndLine() throws IOException {
        Path data = Files.write(folder.resolve("bad.jsonl"), List.of(CieTestRows.row("Tom ran.", 5).replace("}",
                ",\"answer\":\"He ran far.\"}"), "{\"instruction\":\"Sue sat.\",\"ans_len\":4}"));
        assertBadInput(data, "line 2");
    }

    @Test
    void aLengthThatIsNotANumberIsOneLineNamingFileAndLine() throws IOException {
        Path data = Files.write(folder.resolve("bad.jsonl"), List.of(
                "{\"instruction\":\"Sue sat.\",\"answer\":\"She sat.\",\"ans_len\":\"four\"}"));
        assertBadInput(data, "line 1");
    }

    @Test
    void aTemplateTheModelCannotRenderIsOneLine() {
        for (String template : List.of("chat", "qwen")) {
            Path out = folder.resolve(template);
            CliRun run = CliRun.of("cie", "train", "--data", shared.resolve("train.jsonl").toString(), "--out",
                    out.toString(), "--steps", "1", "--template", template);
            assertEquals(1, run.exitCode(), run.err());
            assertTrue(run.err().contains("--template " + template + ": the "), run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    @Test
    void tablesForAnotherHiddenSizeAreRefused() throws IOException {
        ControlTableFiles.save(folder, new ControlTableFiles.Saved(LengthMethod.CIE, TemplateKind.PLAIN,
                List.of(ControlTable.initialized(ControlSignal.length(), 64, 1)), "other"), 64);
        CliRun run = CliRun.of("generate", "--cie", folder.toString(), "--control", "length=20", "--prompt", "Hi");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("hidden size 64") && run.err().strip().lines().count() == 1, run.err());
    }

    @Test
    void aControlForAnotherSignalOrNotANumberIsOneLine() {
        CliRun other = CliRun.of("generate", "--model", trained.toString(), "--cie", trained.toString(),
                "--control", "tone=1", "--prompt", "Hi");
        assertEquals(1, other.exitCode(), other.err());
        assertTrue(other.err().contains("no control table for signal tone"), other.err());
        CliRun text = CliRun.of("generate", "--model", trained.toString(), "--cie", trained.toString(),
                "--control", "length=long", "--prompt", "Hi");
        assertEquals(1, text.exitCode(), text.err());
        assertEquals(1, text.err().strip().lines().count(), text.err());
    }

    private void assertBadInput(Path data, String where) {
        Path out = folder.resolve("out");
        CliRun run = CliRun.of("cie", "train", "--data", data.toString(), "--out", out.toString(), "--steps", "1");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains(data.toString()) && run.err().contains(where), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
