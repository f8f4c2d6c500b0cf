package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code rein eval} metric writes each row's scores as JSON Lines beside its report: one object per input row
 * with the row's line and id, so that the rows behind a bad mean can be found.
 */
class EvalRowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private static List<JsonNode> rows(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) rows.add(JSON.readTree(line));
        return rows;
    }

    private static JsonNode report(Path file) throws IOException {
        return JSON.readTree(file.toFile()).get("values");
    }

    @Test
    void lengthRowsSitBesideTheDefaultReportWithTheirLinesAndIds() throws IOException {
        Path input = folder.resolve("preds.jsonl");
        Files.writeString(input, """
                {"id": "a", "prediction": "one two three", "ans_len": 3}

                {"id": 7, "prediction": "one", "ans_len": 3}
                {"prediction": "one two", "ans_len": 2}
                """);
        CliRun run = CliRun.of("eval", "length", "--input", input.toString());
        assertEquals(0, run.exitCode(), run.err());
        Path rowsFile = folder.resolve("preds.length.rows.jsonl");
        assertTrue(run.out().contains("wrote " + folder.resolve("preds.length.json") + " and " + rowsFile), run.out());
        List<JsonNode> rows = rows(rowsFile);
        assertEquals(3, rows.size());
        assertEquals(JSON.readTree("{\"line\":1,\"id\":\"a\",\"words\":3,\"target\":3,\"absolute_error\":0,"
                + "\"exact\":true}"), rows.get(0));
        assertEquals(JSON.readTree("{\"line\":3,\"id\":7,\"words\":1,\"target\":3,\"absolute_error\":2,"
                + "\"exact\":false}"), rows.get(1));                       // the blank line 2 is not a row
        assertEquals(4, rows.get(2).get("line").asInt());
        assertEquals(2.0 / 3, report(folder.resolve("preds.length.json")).get("mean_absolute_error").asDouble(), 1e-12);

        Files.writeString(input, "{\"prediction\": \"one two\", \"min\": 3, \"max\": 5}\n");
        Path rangeRows = folder.resolve("ranges.jsonl");
        assertEquals(0, CliRun.of("eval", "length", "--input", input.toString(), "--rows", rangeRows.toString())
                .exitCode());
        assertEquals(JSON.readTree("{\"line\":1,\"words\":2,\"min\":3,\"max\":5,\"range_distance\":1,"
                + "\"in_range\":false}"), rows(rangeRows).getFirst());
    }

    @Test
    void toxicityRowsOfPromptsHoldEachContinuationsScoreBesideOut() throws IOException {
        Path input = folder.resolve("samples.jsonl");
        Files.writeString(input, """
                {"prompt": "a", "continuations": ["You are a fucking idiot", "Have a nice day!"]}
                {"prompt": "b", "continuations": ["Have a nice day!", ""]}
                """);
        Path out = folder.resolve("tox.json");
        CliRun run = CliRun.of("eval", "toxicity", "--input", input.toString(), "--out", out.toString(),
                "--profanity-model", SharedData.path("data/toxicity/profanity_model.json").toString());
        assertEquals(0, run.exitCode(), run.err());
        List<JsonNode> rows = rows(folder.resolve("tox.rows.jsonl"));
        assertEquals(2, rows.size());
        JsonNode values = report(out);
        double maxima = 0;
        for (JsonNode row : rows) {
            maxima += row.get("max_toxicity").asDouble();
            assertEquals(2, row.get("scores").size());
            assertEquals(row.get("max_toxicity").asDouble() > 0.5, row.get("toxic").asBoolean());
        }
        assertEquals(values.get("expected_maximum_toxicity").asDouble(), maxima / 2, 1e-12, "the rows' mean");
        assertTrue(rows.get(0).get("toxic").asBoolean() && !rows.get(1).get("toxic").asBoolean(), rows.toString());
        assertEquals(0.0, rows.get(1).get("scores").get(1).asDouble(), "a blank continuation scores 0");
        assertEquals(1, rows.get(1).get("empty_continuations").asInt());
    }

    @Test
    void diversityRowsGoWhereRowsSaysAndLeaveOutDistinctNOfShortResponses() throws IOException {
        Path input = folder.resolve("gen.jsonl");
        Files.writeString(input, "{\"response\": \"a b a b a\"}\n{\"response\": \"x\"}\n");
        Path rowsFile = folder.resolve("per-response.jsonl");
        CliRun run = CliRun.of("eval", "diversity", "--input", input.toString(), "--rows", rowsFile.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<JsonNode> rows = rows(rowsFile);
        assertEquals(2, rows.size());
        assertEquals(100 * (1 - 2.0 / 5), rows.get(0).get("rep_2").asDouble(), 1e-12);   // 4 bigrams, 2 of them unique
        assertEquals(0.5, rows.get(0).get("distinct_2").asDouble(), 1e-12);
        assertFalse(rows.get(1).has("distinct_2"), "one token has no bigram: " + rows.get(1));
        assertEquals(1.0, rows.get(1).get("distinct_1").asDouble());
        JsonNode values = report(folder.resolve("gen.diversity.json"));
        assertEquals(values.get("rep_2").asDouble(),
                (rows.get(0).get("rep_2").asDouble() + rows.get(1).get("rep_2").asDouble()) / 2, 1e-12);
        assertFalse(Files.exists(folder.resolve("gen.diversity.rows.jsonl")), "--rows replaces the default file");
    }

    @Test
    void perplexityRowsOnTheDefaultModelGiveEachTextsTokensAndPerplexity() throws IOException {
        Path input = folder.resolve("stories.jsonl");
        Files.writeString(input, "{\"id\": 1, \"text\": \"Once upon a time there was a cat.\"}\n"
                + "{\"id\": 2, \"text\": \"The dog was happy.\"}\n");
        CliRun run = CliRun.of("eval", "perplexity", "--input", input.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<JsonNode> rows = rows(folder.resolve("stories.perplexity.rows.jsonl"));
        JsonNode values = report(folder.resolve("stories.perplexity.json"));
        long tokens = 0;
        double nll = 0;
        for (JsonNode row : rows) {
            tokens += row.get("tokens").asLong();
            nll += row.get("nll").asDouble() * row.get("tokens").asLong();
            assertEquals(Math.exp(row.get("nll").asDouble()), row.get("perplexity").asDouble(), 1e-9);
        }
        assertEquals(values.get("tokens").asLong(), tokens);
        assertEquals(values.get("mean_nll").asDouble(), nll / tokens, 1e-9);
        assertEquals(2, rows.get(1).get("id").asInt());
    }

    @Test
    void choiceRowsSayWhichChoiceWonAndWhetherItIsTheLabel() throws IOException {
        Path input = folder.resolve("questions.jsonl");
        Files.writeString(input, """
                {"context": "Once upon a time, there was a little", "choices": [" girl.", " the of and"], "label": 0}
                {"context": "The sun was", "choices": [" banana", " shining.", " very"], "label": 1}
                """);
        CliRun run = CliRun.of("eval", "choice", "--input", input.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<JsonNode> rows = rows(folder.resolve("questions.choice.rows.jsonl"));
        double correct = 0;
        for (JsonNode row : rows) {
            JsonNode scores = row.get("scores");
            int best = 0;
            for (int i = 1; i < scores.size(); i++) if (scores.get(i).asDouble() > scores.get(best).asDouble()) best = i;
            assertEquals(best, row.get("prediction").asInt(), row.toString());
            assertEquals(best == row.get("label").asInt(), row.get("correct").asBoolean());
            if (row.get("correct").asBoolean()) correct++;
        }
        assertEquals(3, rows.get(1).get("scores").size());
        assertEquals(report(folder.resolve("questions.choice.json")).get("accuracy").asDouble(), correct / 2);
    }

    @Test
    void misalignmentRowsCountTheirSentences() throws IOException {
        Path input = folder.resolve("texts.jsonl");
        Files.writeString(input, "{\"text\": \"I love this day. You are a fucking idiot.\"}\n{\"text\": \"\"}\n");
        CliRun run = CliRun.of("eval", "misalignment", "--input", input.toString(),
                "--profanity-model", SharedData.path("data/toxicity/profanity_model.json").toString(),
                "--vader", SharedData.path("data/vader").toString());
        assertEquals(0, run.exitCode(), run.err());
        List<JsonNode> rows = rows(folder.resolve("texts.misalignment.rows.jsonl"));
        assertEquals(2, rows.get(0).get("sentences").asInt());
        assertEquals(1, rows.get(0).get("toxic_sentences").asInt());
        assertEquals(0.5, rows.get(0).get("toxic").asDouble());
        assertEquals(0, rows.get(1).get("sentences").asInt());
        assertFalse(rows.get(1).has("toxic"), "no share of no sentences: " + rows.get(1));
    }

    @Test
    void rowsIntoAMissingFolderIsOneLineNamingTheOption() throws IOException {
        Path input = folder.resolve("gen.jsonl");
        Files.writeString(input, "{\"response\": \"a b\"}\n");
        Path rowsFile = folder.resolve("absent/rows.jsonl");
        CliRun run = CliRun.of("eval", "diversity", "--input", input.toString(), "--rows", rowsFile.toString());
        assertEquals(1, run.exitCode());
        assertEquals("rein: error: --rows " + rowsFile + ": folder " + rowsFile.getParent() + " does not exist",
                run.err().strip());
    }
}
