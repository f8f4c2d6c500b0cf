package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalGlueCommandTest {
    @TempDir
    Path folder;

    @Test
    void scoresAPredictionsFileWithTheTasksMetric() throws IOException {
        Path input = Files.writeString(folder.resolve("mrpc.jsonl"), """
                {"prediction": 1, "label": 1}
                {"prediction": 0, "label": 1}
                {"prediction": 1, "label": 0}
                {"prediction": 0, "label": 0}
                """);
        CliRun run = CliRun.of("eval", "glue", "--task", "mrpc", "--input", input.toString());
        assertEquals(0, run.exitCode(), run.err());
        double score = new ObjectMapper().readTree(folder.resolve("mrpc.glue.json").toFile()).get("values")
                .get("score").asDouble();
        assertEquals(0.5, score, 1e-12);
    }

    @Test
    void aMissingLabelNamesTheFieldAndLine() throws IOException {
        Path input = Files.writeString(folder.resolve("p.jsonl"), "{\"prediction\": 1}\n");
        CliRun run = CliRun.of("eval", "glue", "--task", "cola", "--input", input.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("label") && run.err().contains("line 1"), run.err());
    }
}
