package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.data.stories.WordCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rein cie rows: training rows whose ans_len is the answer's word count, a benchmark of openings x targets. */
class CieRowsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void trainingRowsHaveTheirAnswersLengthAndLeaveTheExcludedBandOut() throws IOException {
        Path train = folder.resolve("train.jsonl");
        CliRun run = CliRun.of("cie", "rows", "--tales", "2", "--sentences", "4", "--exclude", "1-9", "--out",
                train.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(train);
        assertTrue(!lines.isEmpty() && lines.size() <= 6, "at most 2 tales x 3 continuations: " + lines);
        for (String line : lines) {
            JsonNode row = JSON.readTree(line);
            assertTrue(row.path("ans_len").asInt() >= 10, "1-9 excluded: " + line);
            assertEquals(WordCount.of(row.path("answer").asText()), row.path("ans_len").asInt(), line);
        }
        CliRun again = CliRun.of("cie", "rows", "--tales", "2", "--sentences", "4", "--exclude", "1-9", "--out",
                folder.resolve("again.jsonl").toString());
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(lines, Files.readAllLines(folder.resolve("again.jsonl")), "the same arguments, the same file");
    }

    @Test
    void aBenchmarkAsksForEveryTargetForEachOpening() throws IOException {
        Path sweep = folder.resolve("sweep.jsonl");
        CliRun run = CliRun.of("cie", "rows", "--tales", "2", "--seed", "100", "--targets", "10,40", "--out",
                sweep.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(sweep);
        assertEquals(4, lines.size(), "two openings at two targets");
        JsonNode first = JSON.readTree(lines.getFirst());
        assertEquals(10, first.path("ans_len").asInt());
        assertEquals(first.path("instruction"), JSON.readTree(lines.get(1)).path("instruction"));
        assertEquals(40, JSON.readTree(lines.get(1)).path("ans_len").asInt());
        assertTrue(first.path("answer").isMissingNode(), "a benchmark has no answers");
    }

    @Test
    void aBadBandIsOneLine() {
        CliRun run = CliRun.of("cie", "rows", "--tales", "2", "--exclude", "9-1", "--out",
                folder.resolve("x.jsonl").toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("--exclude 9-1: expected LO-HI"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }
}
