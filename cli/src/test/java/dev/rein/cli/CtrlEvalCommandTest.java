package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.models.DefaultModel;
import dev.rein.steering.ctrl.StartingPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rein ctrl eval} and {@code rein generate --control-tokens} on the default model resized with the control
 * tokens as {@code rein ctrl train} starts (untrained on them: the numbers mean nothing, the plumbing is what is
 * tested).
 */
class CtrlEvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    private static Path model;
    private static Path prompts;

    @TempDir
    Path folder;

    @BeforeAll
    static void writeModelAndPrompts() throws IOException {
        model = shared.resolve("ctrl-model");
        new StartingPoint.Pretrained(DefaultModel.unpacked()).publish(model, 5);
        prompts = Files.writeString(shared.resolve("val.jsonl"), """
                {"text": "Once upon a time, there was a brave dog named Max.", "toxicity": "nontoxic", "sentiment": "neg"}
                {"text": "Lily had a red ball.", "toxicity": "nontoxic", "sentiment": "neg"}
                {"text": "Give me your ball now!", "toxicity": "toxic", "sentiment": "neg"}
                {"text": "They were very happy.", "toxicity": "nontoxic", "sentiment": "pos"}
                """);
    }

    private CliRun eval(String out, String... more) {
        List<String> args = new ArrayList<>(List.of("ctrl", "eval", "-m", model.toString(), "--prompts",
                prompts.toString(), "--toxicity-scorer", "stories", "--sentiment", "stories", "--max-new-tokens", "6",
                "--out", folder.resolve(out).toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void everyConditionIsScoredAndWrittenAndTheSameSeedRepeats() throws IOException {
        CliRun run = eval("report.json", "--batch-size", "3");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("toxicity"), run.out());
        assertTrue(run.out().contains("<|nontoxic|><|pos|>"), run.out());
        JsonNode report = JSON.readTree(folder.resolve("report.json").toFile());
        assertEquals(4, report.get("prompts").asInt());
        assertEquals(List.of("toxicity", "sentiment", "joint"), iterate(report.get("misalignment")));
        assertEquals(List.of("none", "toxicity", "sentiment", "both"), iterate(report.get("conditions")));
        assertEquals(0.7, report.get("settings").get("sampling").get("top_p").asDouble(), "the ctrl preset");
        assertEquals(6, report.get("settings").get("sampling").get("max_new_tokens").asInt(), "a flag overrides it");
        assertEquals("start", report.get("settings").get("placement").asText());
        List<String> predictions = Files.readAllLines(folder.resolve("report.predictions.jsonl"));
        assertEquals(16, predictions.size());
        JsonNode both = JSON.readTree(predictions.get(12));
        assertEquals("both", both.get("condition").asText());
        assertEquals("Once upon a time, there was a brave dog named Max.", both.get("prompt").asText());
        assertFalse(both.get("continuation").asText().contains("<|"), "decoded without special tokens");

        CliRun alone = eval("alone.json", "--batch-size", "1");
        assertEquals(0, alone.exitCode(), alone.err());
        assertEquals(predictions, Files.readAllLines(folder.resolve("alone.predictions.jsonl")),
                "left-padded batches continue each prompt as it is continued alone");
    }

    @Test
    void tokensAfterThePromptAreLeftPaddedToo() throws IOException {
        CliRun batch = eval("after.json", "--control-placement", "after-prompt", "--batch-size", "3");
        assertEquals(0, batch.exitCode(), batch.err());
        CliRun alone = eval("after-alone.json", "--control-placement", "after-prompt", "--batch-size", "1");
        assertEquals(0, alone.exitCode(), alone.err());
        assertEquals(Files.readAllLines(folder.resolve("after.predictions.jsonl")),
                Files.readAllLines(folder.resolve("after-alone.predictions.jsonl")));
        assertEquals("after-prompt", JSON.readTree(folder.resolve("after.json").toFile()).get("settings")
                .get("placement").asText());
    }

    @Test
    void thePromptsSentencesCountWhenAsked() throws IOException {
        assertEquals(0, eval("fixed.json").exitCode());
        assertEquals(0, eval("seed.json", "--scoring", "prompt-and-continuation").exitCode());
        JsonNode fixed = JSON.readTree(folder.resolve("fixed.json").toFile());
        JsonNode seed = JSON.readTree(folder.resolve("seed.json").toFile());
        assertEquals(fixed.get("conditions").get("none").get("sentences").asInt() + 4,
                seed.get("conditions").get("none").get("sentences").asInt(), "one sentence per prompt");
        assertEquals("continuation", fixed.get("scoring").asText());
        assertEquals("prompt-and-continuation", seed.get("scoring").asText());
    }

    @Test
    void wholeSentencesScoreOneSentencePerPromptOpening() throws IOException {
        CliRun run = eval("opened.json", "--scoring", "whole-sentence", "--opening-words", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("(4 prompts; tokens placed: start; scored: whole-sentence)"), run.out());
        JsonNode report = JSON.readTree(folder.resolve("opened.json").toFile());
        assertEquals("whole-sentence", report.get("scoring").asText());
        assertEquals("start", report.get("placement").asText());
        assertEquals(2, report.get("settings").get("opening_words").asInt());
        for (String line : Files.readAllLines(folder.resolve("opened.predictions.jsonl"))) {
            JsonNode row = JSON.readTree(line);
            assertEquals(1, row.get("scored").size(), line);
            String sentence = row.get("scored").get(0).get("text").asText();
            assertTrue(sentence.startsWith(row.get("prompt").asText()), line);
        }
        JsonNode first = JSON.readTree(Files.readAllLines(folder.resolve("opened.predictions.jsonl")).getFirst());
        assertEquals("Once upon", first.get("prompt").asText());
        assertEquals("nontoxic", first.get("prompt_toxicity").asText(), "the sentence's labels stay");
    }

    @Test
    void generatePutsTheTokensAfterBosOrAfterThePrompt() throws IOException {
        JsonNode start = promptIds();
        assertEquals(List.of(1366, 1368, 1370), List.of(start.get(0).asInt(), start.get(1).asInt(),
                start.get(2).asInt()), "BOS, <|nontoxic|>, <|pos|>, then the prompt: where training puts them");
        JsonNode after = promptIds("--control-placement", "after-prompt");
        assertEquals(start.size(), after.size());
        assertEquals(1366, after.get(0).asInt());
        assertEquals(1368, after.get(after.size() - 2).asInt(), "<|nontoxic|>");
        assertEquals(1370, after.get(after.size() - 1).asInt(), "<|pos|>");
        for (int i = 3; i < start.size(); i++) assertEquals(start.get(i), after.get(i - 2), "the prompt's ids");

        CliRun placement = CliRun.of("generate", "-m", model.toString(), "-p", "Hi", "--control-tokens", "pos",
                "--control-placement", "end");
        assertEquals("rein: error: --control-placement: unknown placement \"end\"; expected one of start, "
                + "after-prompt\n", placement.err());
    }

    private static JsonNode promptIds(String... placement) throws IOException {
        List<String> args = new ArrayList<>(List.of("generate", "-m", model.toString(), "-p", "Lily had a red ball.",
                "--control-tokens", "nontoxic,<|pos|>", "--preset", "ctrl", "--max-new-tokens", "4", "--json"));
        args.addAll(List.of(placement));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(run.out()).get("prompt_ids");
    }

    @Test
    void mistakesAreOneLineErrors() throws IOException {
        CliRun condition = eval("x.json", "--conditions", "toxicity,polite");
        assertEquals(1, condition.exitCode());
        assertEquals("rein: error: --conditions: unknown condition \"polite\"; expected one of none, toxicity, "
                + "sentiment, both\n", condition.err());

        CliRun scoring = eval("x.json", "--scoring", "everything");
        assertEquals(1, scoring.exitCode());
        assertEquals("rein: error: --scoring: unknown scoring \"everything\"; expected one of continuation, "
                + "prompt-and-continuation, whole-sentence\n", scoring.err());
        CliRun opening = eval("x.json", "--scoring", "whole-sentence");
        assertEquals(1, opening.exitCode());
        assertTrue(opening.err().startsWith("rein: error: --scoring whole-sentence judges the sentence a prompt "
                + "opens; give --opening-words K"), opening.err());

        CliRun plain = CliRun.of("ctrl", "eval", "--prompts", prompts.toString(), "--toxicity-scorer", "stories",
                "--sentiment", "stories", "--out", folder.resolve("x.json").toString());
        assertEquals(1, plain.exitCode());
        assertEquals("rein: error: --model default: its tokenizer has no special token <|nontoxic|>, <|pos|>; "
                + "control tokens need a model trained with them (rein ctrl train)\n", plain.err());

        Path unlabelled = Files.writeString(folder.resolve("plain.jsonl"), "{\"text\": \"Hi.\"}\n");
        CliRun fields = CliRun.of("ctrl", "eval", "-m", model.toString(), "--prompts", unlabelled.toString(),
                "--out", folder.resolve("x.json").toString());
        assertEquals(1, fields.exitCode());
        assertTrue(fields.err().matches("rein: error: .*plain\\.jsonl: line 1: \"toxicity\" missing; .*\n"),
                fields.err());

        CliRun token = CliRun.of("generate", "-p", "Hi", "--control-tokens", "happy");
        assertEquals(1, token.exitCode());
        assertTrue(token.err().startsWith("rein: error: --control-tokens: unknown control token \"happy\""),
                token.err());
        CliRun missing = CliRun.of("generate", "-p", "Hi", "--control-tokens", "pos");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("its tokenizer has no special token <|pos|>"), missing.err());
    }

    private static List<String> iterate(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
