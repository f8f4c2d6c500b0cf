package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.data.stories.WordCount;
import dev.rein.steering.recontrol.StateCollection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rein spark} in local mode on the embedded default model: output rows, errors, chaining and collection. */
class SparkCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private Path prompts() throws IOException {
        Path file = folder.resolve("prompts.jsonl");
        Files.write(file, List.of("{\"id\": 1, \"prompt\": \"Once upon a time\", \"topic\": \"a\", \"ans_len\": 9}",
                "{\"id\": 2, \"prompt\": \"The little dog\", \"topic\": \"b\", \"ans_len\": 4}",
                "{\"id\": 3, \"topic\": \"no prompt\", \"ans_len\": 4}",
                "{\"id\": 4, \"prompt\": \"Tom found a box\", \"topic\": \"c\", \"ans_len\": 20}"));
        return file;
    }

    /** The rows of the JSON part files under {@code dir}, ordered by id. */
    private static List<JsonNode> rows(Path dir) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(dir)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                for (String line : Files.readAllLines(part)) {
                    rows.add(JSON.readTree(line));
                }
            }
        }
        rows.sort((a, b) -> Integer.compare(a.get("id").asInt(), b.get("id").asInt()));
        return rows;
    }

    @Test
    void generatedRowsKeepTheirColumnsAndEqualReinGenerateWithTheirSeed() throws IOException {
        Path out = folder.resolve("generated.jsonl");
        CliRun run = CliRun.of("spark", "generate", "--input", prompts().toString(), "--output", out.toString(),
                "--master", "local[2]", "--sample", "--max-new-tokens", "10", "--seed", "3", "--key-field", "id");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("4 rows, 1 with an error"), run.err());
        List<JsonNode> rows = rows(out);
        assertEquals(4, rows.size());
        JsonNode missing = rows.get(2);
        assertEquals("no prompt", missing.get("topic").asText());
        assertEquals("missing prompt", missing.get("error").asText());
        assertTrue(missing.get("text").isNull());
        JsonNode first = rows.getFirst();
        assertEquals("a", first.get("topic").asText());
        assertTrue(first.get("error").isNull());
        assertEquals(10, first.get("generated_tokens").asInt());
        CliRun alone = CliRun.of("generate", "-p", "Once upon a time", "--sample", "--max-new-tokens", "10",
                "--seed", first.get("seed").asText(), "--json");
        assertEquals(0, alone.exitCode(), alone.err());
        assertEquals(JSON.readTree(alone.out()).get("sequences").get(0).get("text").asText(),
                first.get("text").asText());
    }

    @Test
    void parquetOutputScoresAsItsOwnInputAndEvaluationAndCollectionRun() throws IOException {
        Path generated = folder.resolve("generated.parquet");
        CliRun run = CliRun.of("spark", "generate", "--input", prompts().toString(), "--output",
                generated.toString(), "--output-format", "parquet", "--master", "local[2]", "--greedy",
                "--max-new-tokens", "12");
        assertEquals(0, run.exitCode(), run.err());
        Path scored = folder.resolve("scored.jsonl");
        CliRun score = CliRun.of("spark", "score", "--input", generated.toString(), "--output", scored.toString(),
                "--output-format", "jsonl", "--scorer", "words,rudeness", "--master", "local[2]");
        assertEquals(0, score.exitCode(), score.err());
        List<JsonNode> rows = rows(scored);
        assertEquals(4, rows.size());
        for (JsonNode row : rows) {
            if (row.get("text").isNull()) {
                assertTrue(row.get("words").isNull());
            } else {
                assertEquals(WordCount.of(row.get("text").asText()), row.get("words").asDouble(), row.toString());
                assertFalse(row.get("rudeness").isNull());
            }
        }

        Path evaluated = folder.resolve("evaluated.jsonl");
        Path report = folder.resolve("report.json");
        CliRun eval = CliRun.of("spark", "eval", "--input", prompts().toString(), "--output", evaluated.toString(),
                "--metric", "length", "--tolerance", "0,3", "--greedy", "--max-new-tokens", "12", "--master",
                "local[2]", "--report", report.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        JsonNode json = JSON.readTree(report.toFile());
        assertEquals(3, json.get("rows").asInt(), json.toString());
        assertEquals(1, json.get("settings").get("failed_rows").asInt(), json.toString());
        assertTrue(eval.out().contains("mean_words"), eval.out());

        Path states = folder.resolve("states");
        CliRun collect = CliRun.of("spark", "collect", "--input", prompts().toString(), "--output", states.toString(),
                "--master", "local[2]", "--greedy", "--max-new-tokens", "6", "--partitions", "2");
        assertEquals(0, collect.exitCode(), collect.err());
        int responses = 0;
        try (Stream<Path> shards = Files.list(states)) {
            for (Path shard : shards.toList()) {
                responses += StateCollection.readTrajectories(shard).rows();
                assertTrue(Files.readString(shard.resolve(StateCollection.DESCRIPTION_FILE)).contains("\"seed\""));
            }
        }
        assertEquals(3, responses);
        assertTrue(collect.err().contains("3 responses in 2 shards"), collect.err());
    }

    @Test
    void badPathsAndFormatsAreOneLineErrors() throws IOException {
        CliRun missing = CliRun.of("spark", "generate", "--input", folder.resolve("none.jsonl").toString(),
                "--output", folder.resolve("o1").toString());
        assertEquals(1, missing.exitCode());
        assertEquals("rein: error: --input " + folder.resolve("none.jsonl") + ": no such file", missing.err().strip());
        Path csv = Files.writeString(folder.resolve("rows.csv"), "prompt\nhello\n");
        CliRun wrongFormat = CliRun.of("spark", "generate", "--input", csv.toString(), "--output",
                folder.resolve("o2").toString());
        assertEquals(1, wrongFormat.exitCode());
        assertTrue(wrongFormat.err().contains("expected a .jsonl or .parquet file"), wrongFormat.err());
        Path garbage = Files.writeString(folder.resolve("rows.parquet"), "not parquet at all");
        CliRun broken = CliRun.of("spark", "generate", "--input", garbage.toString(), "--output",
                folder.resolve("o3").toString(), "--master", "local[1]", "--greedy");
        assertEquals(1, broken.exitCode());
        assertTrue(broken.err().startsWith("rein: error: --input " + garbage + ": cannot read it as Parquet"),
                broken.err());
        assertEquals(1, broken.err().strip().lines().count(), broken.err());
        CliRun noColumn = CliRun.of("spark", "generate", "--input", prompts().toString(), "--output",
                folder.resolve("o4").toString(), "--prompt-field", "question", "--master", "local[1]");
        assertEquals(1, noColumn.exitCode());
        assertTrue(noColumn.err().contains("no column question"), noColumn.err());
    }
}
