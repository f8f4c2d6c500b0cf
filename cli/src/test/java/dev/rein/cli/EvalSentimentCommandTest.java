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

class EvalSentimentCommandTest {
    @TempDir
    Path folder;

    @Test
    void scoresEachTextAndWritesJsonBesideTheInput() throws IOException {
        Path input = folder.resolve("samples.jsonl");
        // compound 0.4404 (pos 0.492), -0.7424 (neg 0.646) and 0 ("ok." keeps its full stop, so it is no word)
        Files.writeString(input, "{\"text\": \"The book was good.\"}\n"
                + "{\"text\": \"VADER is not smart, handsome, nor funny.\"}\n{\"text\": \"It is ok.\"}\n");
        CliRun run = CliRun.of("eval", "sentiment", "--input", input.toString(),
                "--vader", SharedData.path("data/vader").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("sentiment: 3 rows"), run.out());
        assertTrue(run.out().contains("positive_share           0.3333  share with pos > neg"), run.out());
        JsonNode values = new ObjectMapper().readTree(folder.resolve("samples.sentiment.json").toFile()).get("values");
        assertEquals((0.4404 - 0.7424) / 3, values.get("mean_compound").asDouble(), 1e-12);
        assertEquals(1.0 / 3, values.get("compound_positive").asDouble(), 1e-12);
        assertEquals(1.0 / 3, values.get("compound_negative").asDouble(), 1e-12);
        assertEquals(0.492 / 3, values.get("mean_pos").asDouble(), 1e-12);
        assertEquals((0.508 + 0.354 + 1) / 3, values.get("mean_neu").asDouble(), 1e-12);
        assertEquals(0.646 / 3, values.get("mean_neg").asDouble(), 1e-12);
        List<String> rows = Files.readAllLines(folder.resolve("samples.sentiment.rows.jsonl"));
        assertEquals(3, rows.size());
        JsonNode second = new ObjectMapper().readTree(rows.get(1));
        assertEquals(2, second.get("line").asInt());
        assertEquals(-0.7424, second.get("compound").asDouble(), 1e-12);
        assertEquals(0.646, second.get("neg").asDouble(), 1e-12);
        assertEquals("negative", second.get("label").asText());
        assertEquals("positive", new ObjectMapper().readTree(rows.getFirst()).get("label").asText());
    }

    @Test
    void rowsWithoutTheTextAreNamedByLine() throws IOException {
        Path input = folder.resolve("samples.jsonl");
        Files.writeString(input, "{\"text\": \"good\"}\n{\"prediction\": \"bad\"}\n{\"text\": 3}\n");
        CliRun run = CliRun.of("eval", "sentiment", "--input", input.toString(),
                "--vader", SharedData.path("data/vader").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("text: missing on line 2 (1 of 3 rows); not a string on line 3 (1 of 3 rows)"),
                run.err());
    }

    @Test
    void aMissingLexiconFolderIsAUserError() throws IOException {
        Path input = folder.resolve("samples.jsonl");
        Files.writeString(input, "{\"answer\": \"good\"}\n");
        Path absent = folder.resolve("no-vader");
        CliRun run = CliRun.of("eval", "sentiment", "--input", input.toString(), "--field", "answer",
                "--vader", absent.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("--vader " + absent + ": no such folder"), run.err());
    }
}
