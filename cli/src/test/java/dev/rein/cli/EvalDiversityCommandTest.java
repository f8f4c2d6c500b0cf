package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalDiversityCommandTest {
    @TempDir
    Path folder;

    @Test
    void scoresResponsesAndWritesJsonBesideThem() throws IOException {
        Path input = folder.resolve("gen.jsonl");
        Files.writeString(input, "{\"response\": \"a b a b a\"}\n{\"response\": \"x y###USER: y x\"}\n");
        CliRun run = CliRun.of("eval", "diversity", "--input", input.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("diversity: 2 rows (tokens=nltk word_tokenize with rule-based sentences, "
                + "case kept, cut_at=###USER: and \\n\\nUSER:)\n"), run.out());
        assertTrue(run.out().contains("rep_2                      55  mean 100*(1 - unique 2-grams / (2-grams + 1))"),
                run.out());
        JsonNode values = new ObjectMapper().readTree(folder.resolve("gen.diversity.json").toFile()).get("values");
        assertEquals(75, values.get("rep_3").asDouble(), 1e-12);
        assertEquals((0.4 * 0.5 * (2.0 / 3)) / 2, values.get("diversity").asDouble(), 1e-12);
    }

    @Test
    void anotherFieldCanHoldTheResponses() throws IOException {
        Path input = folder.resolve("gen.jsonl");
        Files.writeString(input, "{\"text\": \"one two three\"}\n");
        Path out = folder.resolve("report.json");
        CliRun run = CliRun.of("eval", "diversity", "--input", input.toString(), "--field", "text",
                "--out", out.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, new ObjectMapper().readTree(out.toFile()).get("values").get("distinct_2").asDouble());
    }

    @Test
    void rowsWithoutTheFieldAreNamedByLine() throws IOException {
        Path input = folder.resolve("gen.jsonl");
        Files.writeString(input, "{\"response\": \"a\"}\n{\"prediction\": \"b\"}\n{\"response\": 3}\n");
        CliRun run = CliRun.of("eval", "diversity", "--input", input.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("response: missing on line 2 (1 of 3 rows); "
                + "not a string on line 3 (1 of 3 rows)"),
                run.err());
    }
}
