package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rein lab}'s start-up mistakes are one-line errors with exit code 1, before anything listens. */
class LabCommandTest {
    @TempDir
    Path dir;

    @Test
    void aMissingVectorIsNamed() {
        CliRun missing = CliRun.of("lab", "--port", "0", "--steering-vector", "joy=" + dir.resolve("none.gguf"));
        assertEquals(1, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("--steering-vector joy=") && missing.err().contains("none.gguf"),
                missing.err());
        assertFalse(missing.err().contains("\tat "), missing.err());
    }

    @Test
    void aPortOutsideItsRangeIsRefused() {
        CliRun run = CliRun.of("lab", "--port", "70000");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("--port 70000"), run.err());
    }
}
