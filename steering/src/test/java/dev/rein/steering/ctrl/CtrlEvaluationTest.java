package dev.rein.steering.ctrl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.eval.TextScorer;
import dev.rein.eval.alignment.Misalignment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtrlEvaluationTest {
    private static final TextScorer TOXICITY = text -> text.contains("idiot") ? 1 : 0;
    private static final TextScorer SENTIMENT = text -> text.contains("good") ? 1 : text.contains("bad") ? -1 : 0;
    private static final Misalignment JUDGE = new Misalignment(TOXICITY, SENTIMENT, 0.5);

    @TempDir
    Path folder;

    private final List<List<String>> asked = new ArrayList<>();

    /**
     * A stand-in model: {@code <|nontoxic|>} drops the insult, {@code <|pos|>} turns the bad day good; with no
     * token it writes "A bad day. You idiot." (2 sentences, 1 toxic, 2 negative).
     */
    private List<String> continue_(List<String> prompts) {
        asked.add(prompts);
        return prompts.stream().map(prompt -> (prompt.contains("<|pos|>") ? "A good day." : "A bad day.")
                + (prompt.contains("<|nontoxic|>") ? "" : " You idiot.")).toList();
    }

    private static LabelledSentence prompt(String text) {
        return new LabelledSentence(text, ControlToken.TOXIC, ControlToken.NEG, LabelledSentence.Controls.KEPT,
                Optional.empty());
    }

    private static final List<LabelledSentence> PROMPTS = List.of(prompt("Hello there, idiot."), prompt("Hi."));

    @Test
    void everyConditionContinuesTheSamePromptsWithItsTokensAfterThem() {
        CtrlReport report = new CtrlEvaluation(this::continue_, JUDGE, ScoredText.CONTINUATION,
                Placement.AFTER_PROMPT).run(PROMPTS, List.of(Condition.BOTH, Condition.TOXICITY,
                Condition.SENTIMENT));
        assertEquals(List.of("Hello there, idiot.", "Hi."), asked.getFirst(), "none runs first even when not asked");
        assertEquals(List.of("Hello there, idiot.<|nontoxic|><|pos|>", "Hi.<|nontoxic|><|pos|>"), asked.get(1));
        assertEquals(List.of(Condition.NONE, Condition.BOTH, Condition.TOXICITY, Condition.SENTIMENT),
                report.results().stream().map(CtrlReport.ConditionResult::condition).toList());

        List<CtrlReport.Comparison> comparisons = report.comparisons();
        // none: 4 sentences, 2 toxic, 4 negative; both: 2 sentences, "A good day." each: 0 toxic, 0 negative
        assertEquals(new CtrlReport.Comparison(Condition.Measure.JOINT, Condition.BOTH, 1.0, 0.0), comparisons.get(0));
        // <|nontoxic|>: "A bad day." twice: 0 toxic
        assertEquals(new CtrlReport.Comparison(Condition.Measure.TOXICITY, Condition.TOXICITY, 0.5, 0.0),
                comparisons.get(1));
        // <|pos|>: "A good day. You idiot." twice: half negative (the insult has no sentiment: a tie)
        assertEquals(new CtrlReport.Comparison(Condition.Measure.SENTIMENT, Condition.SENTIMENT, 1.0, 0.5),
                comparisons.get(2));
        assertEquals(-0.5, comparisons.get(2).difference(), 1e-12);
    }

    @Test
    void startPutsTheTokensBeforeThePromptWhereTrainingPutThem() {
        new CtrlEvaluation(this::continue_, JUDGE, ScoredText.CONTINUATION, Placement.START)
                .run(PROMPTS, List.of(Condition.SENTIMENT));
        assertEquals(List.of("<|pos|>Hello there, idiot.", "<|pos|>Hi."), asked.get(1));
    }

    @Test
    void thePromptsSentencesCountOnlyWhenAsked() {
        CtrlReport seedLike = new CtrlEvaluation(this::continue_, JUDGE, ScoredText.PROMPT_AND_CONTINUATION,
                Placement.START)
                .run(PROMPTS, List.of(Condition.TOXICITY));
        // <|nontoxic|> now also scores "Hello there, idiot." (toxic) and "Hi.": 1 toxic of 4
        assertEquals(0.25, seedLike.comparisons().getFirst().controlled(), 1e-12);
        assertEquals(List.of("Hello there, idiot.", "A bad day."), seedLike.results().get(1).judged().getFirst()
                .stream().map(Misalignment.JudgedSentence::text).toList());
    }

    @Test
    void aWholeSentenceIsThePromptsOpeningAndTheContinuationUpToTheFirstSentenceEnd() {
        LabelledSentence opening = prompt("Hello there, you idiot.").opening(2);
        assertEquals("Hello there,", opening.text());
        assertEquals(ControlToken.TOXIC, opening.toxicity(), "an opening keeps its sentence's labels");
        assertEquals("Hi.", prompt(" Hi. ").opening(3).text(), "a shorter sentence is kept whole");
        assertThrows(IllegalArgumentException.class, () -> prompt("Hi.").opening(0));

        CtrlReport report = new CtrlEvaluation(prompts -> prompts.stream()
                .map(prompt -> prompt.contains("<|nontoxic|>") ? " friend. Bye, idiot." : " idiot. Bye.").toList(),
                JUDGE, ScoredText.WHOLE_SENTENCE, Placement.START).run(List.of(opening), List.of(Condition.TOXICITY));
        assertEquals(List.of("Hello there, idiot."), report.results().getFirst().judged().getFirst().stream()
                .map(Misalignment.JudgedSentence::text).toList());
        assertEquals(new CtrlReport.Comparison(Condition.Measure.TOXICITY, Condition.TOXICITY, 1.0, 0.0),
                report.comparisons().getFirst(), "the insult after the first sentence end does not count");
        assertEquals(List.of(), ScoredText.WHOLE_SENTENCE.sentences("", " "));
        assertEquals(ScoredText.WHOLE_SENTENCE, ScoredText.parse("whole-sentence"));
    }

    @Test
    void theTableJsonAndPredictionsHoldTheSameNumbers() throws IOException {
        CtrlReport report = new CtrlEvaluation(this::continue_, JUDGE, ScoredText.CONTINUATION,
                Placement.START).run(PROMPTS, List.of(Condition.TOXICITY, Condition.SENTIMENT, Condition.BOTH));
        String table = report.table();
        assertTrue(table.contains("toxicity           50.0%  <|nontoxic|>               0.0%     -50.0 pp"), table);
        assertTrue(table.contains("joint             100.0%  <|nontoxic|><|pos|>        0.0%    -100.0 pp"), table);
        assertTrue(table.contains("none                                     4     50.0%    100.0%    100.0%"),
                table);

        Path json = folder.resolve("report.json");
        report.writeJson(json, new ObjectMapper().createObjectNode().put("model", "stand-in"));
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("stand-in", root.get("settings").get("model").asText());
        assertEquals(2, root.get("prompts").asInt());
        assertEquals("start", root.get("placement").asText());
        assertEquals("continuation", root.get("scoring").asText());
        assertEquals(-0.5, root.get("misalignment").get("sentiment").get("difference").asDouble(), 1e-12);
        assertEquals("<|nontoxic|><|pos|>", root.get("misalignment").get("joint").get("tokens").asText());
        assertEquals(0.5, root.get("conditions").get("none").get("toxic").asDouble(), 1e-12);

        Path predictions = folder.resolve("predictions.jsonl");
        report.writePredictions(predictions);
        List<String> lines = Files.readAllLines(predictions);
        assertEquals(8, lines.size(), "one line per condition and prompt");
        JsonNode first = new ObjectMapper().readTree(lines.getFirst());
        assertEquals("none", first.get("condition").asText());
        assertEquals("A bad day. You idiot.", first.get("continuation").asText());
        assertEquals(2, first.get("scored").size());
        assertTrue(first.get("scored").get(1).get("toxic").asBoolean());
        assertEquals(1, first.get("toxic_sentences").asInt());
        assertEquals(2, first.get("sentences").asInt());
        assertEquals("toxic", first.get("prompt_toxicity").asText());
    }

    @Test
    void promptsAreSampledBySeedInFileOrder() {
        List<LabelledSentence> rows = IntStream.range(0, 50).mapToObj(i -> prompt("Sentence " + i + ".")).toList();
        List<LabelledSentence> sample = CtrlEvaluation.samplePrompts(rows, 10, 200);
        assertEquals(10, sample.size());
        assertEquals(sample, CtrlEvaluation.samplePrompts(rows, 10, 200));
        List<Integer> positions = sample.stream().map(rows::indexOf).toList();
        assertEquals(positions.stream().sorted().toList(), positions);
        assertEquals(rows, CtrlEvaluation.samplePrompts(rows, 400, 200), "n beyond the rows takes them all");
    }

    @Test
    void blankPromptsAndUnknownNamesAreRefused() {
        CtrlEvaluation evaluation = new CtrlEvaluation(this::continue_, JUDGE, ScoredText.CONTINUATION,
                Placement.START);
        assertThrows(IllegalArgumentException.class, () -> evaluation.run(List.of(prompt(" ")), List.of()));
        IllegalArgumentException condition = assertThrows(IllegalArgumentException.class,
                () -> Condition.parse("polite"));
        assertEquals("unknown condition \"polite\"; expected one of none, toxicity, sentiment, both",
                condition.getMessage());
        assertEquals(ControlToken.NONTOXIC, ControlToken.parse("<|nontoxic|>"));
        assertEquals(ControlToken.POS, ControlToken.parse("pos"));
        assertThrows(IllegalArgumentException.class, () -> ControlToken.parse("<|happy|>"));
    }
}
