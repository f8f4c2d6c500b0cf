package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rein bench train}: a run on a tiny GPT-2 prints every figure; the user's mistakes are one line. */
class BenchTrainCommandTest {
    private static final String MODEL = SharedData.path("reference/models/random-gpt2-tiny").toString();

    @Test
    void printsThroughputMfuAndEveryPhase() {
        CliRun run = CliRun.of("bench", "train", "--model", MODEL, "--seq-len", "16", "--batch", "2", "--steps", "2",
                "--warmup", "1");
        assertEquals(0, run.exitCode(), run.err());
        for (String line : new String[] {"parameters   ", "tokens/step  32", "throughput ", "MFU ", "forward ",
                "loss ", "backward ", "update ", " of " + Runtime.getRuntime().availableProcessors() + " cores busy"}) {
            assertTrue(run.out().contains(line), () -> "missing '" + line + "' in\n" + run.out());
        }
        assertTrue(run.err().contains("warm-up 1:") && run.err().contains("step 2:"), run.err());
    }

    @Test
    void aSequenceLongerThanTheContextIsAUserError() {
        CliRun run = CliRun.of("bench", "train", "--model", MODEL, "--seq-len", "257");
        assertEquals(1, run.exitCode());
        assertEquals("rein: error: --seq-len 257 exceeds the model's context of 256", run.err().strip());
    }

    @Test
    void nonPositiveCountsAndMissingFoldersAreUserErrors(@TempDir Path dir) {
        CliRun steps = CliRun.of("bench", "train", "--model", MODEL, "--steps", "0");
        assertEquals(1, steps.exitCode());
        assertTrue(steps.err().contains("--steps"), steps.err());
        Path missing = dir.resolve("none");
        CliRun folder = CliRun.of("bench", "train", "--model", missing.toString());
        assertEquals(1, folder.exitCode());
        assertTrue(folder.err().startsWith("rein: error: --model " + missing + ": no such file or folder"),
                folder.err());
    }
}
