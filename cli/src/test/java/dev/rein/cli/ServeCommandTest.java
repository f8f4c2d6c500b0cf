package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rein serve}'s start-up mistakes are one-line errors with exit code 1, before anything listens. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void aMissingOrMalformedAssetIsNamed() throws Exception {
        CliRun missing = CliRun.of("serve", "--port", "0", "--steering-vector",
                "joy=" + dir.resolve("none.safetensors"));
        assertEquals(1, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("none.safetensors"), missing.err());
        assertFalse(missing.err().contains("\tat "), missing.err());
        Path junk = Files.writeString(dir.resolve("junk.safetensors"), "not a file of tensors");
        CliRun malformed = CliRun.of("serve", "--port", "0", "--steering-vector", "joy=" + junk);
        assertEquals(1, malformed.exitCode(), malformed.err());
        assertTrue(malformed.err().contains("junk.safetensors"), malformed.err());
    }

    @Test
    void limitsOutsideTheirRangeAreRefused() {
        CliRun run = CliRun.of("serve", "--port", "70000");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("port"), run.err());
    }

    @Test
    void benchServeChecksItsCounts() {
        CliRun run = CliRun.of("bench", "serve", "--clients", "0");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("--clients"), run.err());
    }
}
