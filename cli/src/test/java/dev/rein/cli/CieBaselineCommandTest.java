package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.steering.cie.ControlTableFiles;
import dev.rein.steering.cie.LengthMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rein cie train --method prompt|buckets|none and rein cie eval --baseline KIND=DIR on the embedded default model,
 * each trained for one step: the folder records its method, eval compares CIE with every baseline in one table and
 * one plot, generate serves the baselines' folders too, and a folder given as the wrong kind is a one-line error.
 */
class CieBaselineCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    private static Path validation;

    @TempDir
    Path folder;

    /** One step of each method, which the tests below read. */
    @BeforeAll
    static void train() throws IOException {
        Path data = CieTestRows.training(shared);
        validation = CieTestRows.benchmark(shared);
        for (LengthMethod method : LengthMethod.values()) {
            CliRun run = CliRun.of("cie", "train", "--data", data.toString(), "--out", run(method).toString(),
                    "--steps", "1", "--batch-size", "2", "--lr", "1e-3", "--seed", "5", "--method", method.id(),
                    "--bucket-width", "30", "--table-factor", "10", "--table-init", "embeddings");
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("method " + method.id()), run.out());
        }
    }

    @Test
    void eachFolderRecordsItsMethodAndTemplateAndTheBucketsTheirWidth() throws IOException {
        for (LengthMethod method : LengthMethod.values()) {
            JsonNode config = JSON.readTree(trained(method).resolve(ControlTableFiles.CONFIG_FILE).toFile());
            assertEquals(method.id(), config.path("method").asText(), config.toString());
            assertEquals("plain", config.path("template").asText(), "the default model has no chat template");
        }
        JsonNode buckets = JSON.readTree(trained(LengthMethod.BUCKETS).resolve(ControlTableFiles.CONFIG_FILE)
                .toFile()).path("signals");
        assertEquals(7, buckets.size(), "1-30 .. 181-210 cover --max 200");
        assertEquals("<len_31-60>", buckets.get(1).path("placeholder").asText());
        assertEquals(0, JSON.readTree(trained(LengthMethod.PROMPT).resolve(ControlTableFiles.CONFIG_FILE).toFile())
                .path("signals").size());
    }

    @Test
    void evalComparesCieWithEveryBaselineInOneTableAndPlot() throws IOException {
        Path report = folder.resolve("report.json");
        Path plot = folder.resolve("sweep.png");
        CliRun run = CliRun.of("cie", "eval", "--model", trained(LengthMethod.CIE).toString(), "--cie",
                trained(LengthMethod.CIE).toString(), "--baseline", "none=" + trained(LengthMethod.NONE),
                "--baseline", "prompt=" + trained(LengthMethod.PROMPT), "--baseline",
                "buckets=" + trained(LengthMethod.BUCKETS), "--data", validation.toString(), "--limit", "3",
                "--max-new-tokens", "6", "--out", report.toString(), "--plot", plot.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = JSON.readTree(report.toFile());
        for (String method : List.of("cie", "none", "prompt", "buckets")) {
            assertTrue(run.out().contains(method), method + " in " + run.out());
            assertTrue(json.toString().contains("\"" + method + "\""), method + " in " + json);
        }
        assertEquals(12, Files.readAllLines(folder.resolve("report.predictions.jsonl")).size(),
                "four methods, three rows");
        assertTrue(Files.size(plot) > 0);
    }

    @Test
    void generateAsksForTheLengthAsEachBaselineWasTrained() {
        for (LengthMethod method : List.of(LengthMethod.PROMPT, LengthMethod.BUCKETS)) {
            CliRun run = CliRun.of("generate", "--model", trained(method).toString(), "--cie",
                    trained(method).toString(), "--control", "length=40", "--prompt", "Tom had a red ball.",
                    "--max-new-tokens", "4");
            assertEquals(0, run.exitCode(), method + ": " + run.err());
        }
        CliRun none = CliRun.of("generate", "--model", trained(LengthMethod.NONE).toString(), "--cie",
                trained(LengthMethod.NONE).toString(), "--control", "length=40", "--prompt", "Hi");
        assertOneLineError(none, "trained with --method none, which takes no control");
    }

    @Test
    void aFolderOfAnotherMethodOrAnUnknownKindIsOneLine() {
        Path cie = trained(LengthMethod.CIE);
        CliRun wrong = CliRun.of("cie", "eval", "--model", cie.toString(), "--cie", cie.toString(), "--baseline",
                "prompt=" + trained(LengthMethod.BUCKETS), "--data", validation.toString(), "--limit", "1",
                "--max-new-tokens", "2");
        assertOneLineError(wrong, "--baseline prompt=" + trained(LengthMethod.BUCKETS)
                + ": trained with --method buckets, not prompt");
        CliRun asCie = CliRun.of("cie", "eval", "--model", cie.toString(), "--cie",
                trained(LengthMethod.PROMPT).toString(), "--data", validation.toString(), "--limit", "1");
        assertOneLineError(asCie, "trained with --method prompt, not cie");
        CliRun unknown = CliRun.of("cie", "eval", "--model", cie.toString(), "--cie", cie.toString(), "--baseline",
                "icl=" + cie, "--data", validation.toString());
        assertOneLineError(unknown, "--baseline icl: unknown kind; expected one of [none, prompt, buckets]");
        CliRun method = CliRun.of("cie", "train", "--data", validation.toString(), "--out",
                folder.resolve("x").toString(), "--method", "icl");
        assertEquals(2, method.exitCode(), method.err());
    }

    private static void assertOneLineError(CliRun run, String message) {
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains(message), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    private static Path run(LengthMethod method) {
        return shared.resolve(method.id());
    }

    private static Path trained(LengthMethod method) {
        return run(method).resolve("final");
    }
}
