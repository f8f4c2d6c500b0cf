package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.steering.vector.ControlVector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rein steer build} writes a vector that {@code rein generate --steering-vector FILE:STRENGTH} adds, and names
 * the line or option a mistake is in.
 */
class SteerBuildCommandTest {
    @TempDir
    Path dir;

    @Test
    void buildsOneDirectionPerLayer() throws Exception {
        Path pairs = Files.writeString(dir.resolve("pairs.jsonl"), """
                {"positive": "They laughed and hugged.", "negative": "They cried and shouted."}

                {"positive": "It was a wonderful day.", "negative": "It was a terrible day."}
                """);
        Path out = dir.resolve("happy.gguf");
        CliRun run = CliRun.of("steer", "build", "--pairs", pairs.toString(), "--layers", "1-2", "--out",
                out.toString());
        assertEquals(0, run.exitCode(), run.err());
        ControlVector vector = ControlVector.read(out);
        assertEquals(Set.of(1, 2), vector.directions().keySet());
        assertEquals(128, vector.width());

        CliRun plain = CliRun.of("generate", "--prompt", "Once upon a time", "--greedy", "--max-new-tokens", "20");
        CliRun steered = CliRun.of("generate", "--prompt", "Once upon a time", "--greedy", "--max-new-tokens", "20",
                "--steering-vector", out + ":6");
        assertEquals(0, steered.exitCode(), steered.err());
        assertNotEquals(plain.out(), steered.out(), "the vector at strength 6 should change the greedy text");
        CliRun combined = CliRun.of("generate", "--prompt", "Hi", "--steering-vector", out.toString(), "--best-of",
                "2", "--reward-head", dir.toString());
        assertEquals(1, combined.exitCode());
        assertTrue(combined.err().contains("--steering-vector"), combined.err());
    }

    @Test
    void mistakesAreOneLineErrors() throws Exception {
        Path pairs = Files.writeString(dir.resolve("pairs.jsonl"), "{\"positive\": \"a\", \"negative\": \"b\"}\n"
                + "{\"positive\": \"a\"}\n");
        CliRun badLine = CliRun.of("steer", "build", "--pairs", pairs.toString(), "--layers", "1", "--out",
                dir.resolve("v.safetensors").toString());
        assertEquals(1, badLine.exitCode());
        assertTrue(badLine.err().contains("line 2"), badLine.err());
        CliRun badLayers = CliRun.of("steer", "build", "--pairs", pairs.toString(), "--layers", "3-1", "--out",
                dir.resolve("v.safetensors").toString());
        assertEquals(1, badLayers.exitCode());
        assertTrue(badLayers.err().contains("--layers 3-1"), badLayers.err());
        CliRun badMethod = CliRun.of("steer", "build", "--pairs", pairs.toString(), "--layers", "1", "--method",
                "svd", "--out", dir.resolve("v.safetensors").toString());
        assertEquals(1, badMethod.exitCode());
        assertTrue(badMethod.err().contains("--method"), badMethod.err());
    }
}
