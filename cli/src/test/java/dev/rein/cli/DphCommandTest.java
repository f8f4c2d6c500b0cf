package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rein dph pairs, train and eval, and rein generate --best-of, on the embedded default model. */
class DphCommandTest {
    @TempDir
    static Path shared;
    private static Path pairs;
    private static Path run;

    @TempDir
    Path folder;

    @BeforeAll
    static void writePairsAndTrain() {
        pairs = shared.resolve("pairs.jsonl");
        CliRun write = CliRun.of("dph", "pairs", "--count", "16", "--seed", "1", "--out", pairs.toString());
        assertEquals(0, write.exitCode(), write.err());
        run = shared.resolve("run");
        CliRun train = CliRun.of("dph", "train", "--pairs", pairs.toString(), "--out", run.toString(), "--steps", "3",
                "--batch-size", "4", "--pooler", "t5", "--dropout", "0.1", "--save-every", "3");
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("16 pairs; frozen backbone; heads [reward_head] on a t5 pooler at "
                + "<|endoftext|>") && train.out().contains("step 3: loss "), train.out());
    }

    @Test
    void trainWritesHeadsMetricsAndACheckpoint() throws IOException {
        assertTrue(Files.isRegularFile(run.resolve("heads/dph_heads.json")));
        assertTrue(Files.isRegularFile(run.resolve("heads/pooled_head.safetensors")));
        assertTrue(Files.isDirectory(run.resolve("checkpoint-3")));
        assertEquals(3, Files.readAllLines(run.resolve("metrics.jsonl")).size());
    }

    @Test
    void evalReportsPairwiseAccuracyAndMargin() throws IOException {
        Path report = folder.resolve("report.json");
        CliRun eval = CliRun.of("dph", "eval", "--heads", run.resolve("heads").toString(), "--input", pairs.toString(),
                "--out", report.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertEquals("dph_pairs", json.get("metric").asText());
        assertTrue(eval.out().contains("accuracy") && eval.out().contains("margin"), eval.out());
    }

    @Test
    void evalComparesRewardAndLogProbOnMultipleChoice() throws IOException {
        Path questions = Files.writeString(folder.resolve("mc.jsonl"),
                "{\"question\": \"Once upon a time, there was a cat.\", \"choices\": [\" The cat was happy.\", "
                        + "\" cat The happy was.\"], \"answer\": 0}\n");
        CliRun eval = CliRun.of("dph", "eval", "--heads", run.resolve("heads").toString(), "--input",
                questions.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("reward_accuracy") && eval.out().contains("logprob_accuracy"), eval.out());
        assertTrue(Files.isRegularFile(folder.resolve("mc.dph_choice.json")));
    }

    @Test
    void bestOfPrintsEveryCandidateWithItsRewardInJson() throws IOException {
        CliRun generate = CliRun.of("generate", "--best-of", "3", "--reward-head", run.resolve("heads").toString(),
                "-p", "Once upon a time, there was a cat named Tom.", "--max-new-tokens", "12", "--seed", "2",
                "--json");
        assertEquals(0, generate.exitCode(), generate.err());
        JsonNode json = new ObjectMapper().readTree(generate.out());
        assertEquals(3, json.get("candidates").size());
        int best = json.get("best").asInt();
        for (JsonNode candidate : json.get("candidates")) {
            assertTrue(candidate.get("reward").asDouble() <= json.get("reward").asDouble());
        }
        assertEquals(json.get("candidates").get(best).get("text"), json.get("text"));
    }

    @Test
    void identicalPairsAreCountedAndLeftOut() throws IOException {
        Path file = Files.writeString(folder.resolve("p.jsonl"), """
                {"prompt": "Once upon a time, there was a cat.", "chosen": " It was happy.", "rejected": " It was sad."}
                {"prompt": "Once upon a time, there was a dog.", "chosen": " Same.", "rejected": " Same."}
                """);
        CliRun train = CliRun.of("dph", "train", "--pairs", file.toString(), "--out", folder.resolve("o").toString(),
                "--steps", "1", "--pooler", "identity");
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.err().contains("warning: 1 pairs of") && train.err().contains("(lines 2)"), train.err());
    }

    @Test
    void badInputIsOneLineNamingFileLineAndField() throws IOException {
        Path file = Files.writeString(folder.resolve("bad.jsonl"), "{\"prompt\": \"a\", \"chosen\": \"b\"}\n");
        CliRun missing = CliRun.of("dph", "train", "--pairs", file.toString(), "--out", folder.resolve("o").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("bad.jsonl") && missing.err().contains("line 1")
                && missing.err().contains("rejected") && !missing.err().contains("\tat "), missing.err());
        CliRun token = CliRun.of("dph", "train", "--pairs", pairs.toString(), "--out", folder.resolve("o").toString(),
                "--pool-token", "<|im_end|>");
        assertEquals(1, token.exitCode());
        assertTrue(token.err().contains("--pool-token <|im_end|>: the tokenizer has no token <|im_end|>")
                && token.err().lines().count() == 1, token.err());
    }
}
