package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rein demo}: the embedded model, a tale, the steering table, and the exported model folder. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void showsATaleAndTheSteeringTableAndSavesTheModel() {
        Path saved = dir.resolve("model");
        CliRun run = CliRun.of("demo", "--samples", "2", "--save-model", saved.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("1. A tale sampled from the model (seed 7):"), run.out());
        assertTrue(run.out().contains("2. A steering vector at blocks.3.hook_resid_post"), run.out());
        assertTrue(run.out().matches("(?s).*strength +happy endings +sad endings.*\\n +-6\\.0 .*\\n +\\+0\\.0 .*\\n +\\+6\\.0 .*"),
                run.out());
        assertTrue(Files.isRegularFile(saved.resolve("model.safetensors")));
        assertEquals(0, CliRun.of("info", saved.toString()).exitCode());
    }

    @Test
    void recontrolRunsThePipelineAndPrintsATaleOfEachSideAndTheTable() {
        CliRun run = CliRun.of("demo", "recontrol", "--samples", "2", "--test-samples", "1", "--epochs", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("1. Collect: 24 tales (12 openings of corpus tales x 2 samples)"), run.out());
        assertTrue(run.out().contains("3. Train: the value MLP 128 -> 128 -> 128 -> 1, 2 epochs"), run.out());
        assertTrue(run.out().contains("   Plain:\n") && run.out().contains("   RE-Control:\n"), run.out());
        assertTrue(run.out().matches("(?s).*metric +plain +RE-Control +change\n +reward .*\n +diversity .*"),
                run.out());
    }

    @Test
    void recontrolRefusesSettingsOutOfRange() {
        CliRun run = CliRun.of("demo", "recontrol", "--samples", "0");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("rein: error: --samples"), run.err());
    }

    @Test
    void aLayerOutsideTheModelIsAOneLineError() {
        CliRun run = CliRun.of("demo", "--layer", "9");
        assertEquals(1, run.exitCode());
        assertEquals("rein: error: --layer must be between 0 and 3, got 9\n", run.err());
    }
}
