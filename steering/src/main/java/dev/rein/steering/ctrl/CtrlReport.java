package dev.rein.steering.ctrl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.eval.MetricReport;
import dev.rein.eval.alignment.Misalignment;
import dev.rein.formats.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@link CtrlEvaluation} found: per condition the continuations, their judged sentences and the misalignment
 * report, and the comparisons of the seed's report (METHODS.md 2.4), each misalignment without control tokens and
 * with the condition that aims to lower it: the toxic share under {@code <|nontoxic|>}, the negative share under
 * {@code <|pos|>} and the joint misalignment under both.
 *
 * @param prompts         the prompts, in order
 * @param results         each condition's result, {@link Condition#NONE} first
 * @param scoredText      which sentences of prompt and continuation were judged
 * @param placement       where the control tokens were put
 */
public record CtrlReport(List<LabelledSentence> prompts, List<ConditionResult> results, ScoredText scoredText,
                         Placement placement) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINES = new ObjectMapper();

    /** @throws IllegalArgumentException when the first result is not {@link Condition#NONE}'s */
    public CtrlReport {
        prompts = List.copyOf(prompts);
        results = List.copyOf(results);
        if (results.isEmpty() || results.getFirst().condition() != Condition.NONE) {
            throw new IllegalArgumentException("the first result must be the baseline, condition none");
        }
    }

    /**
     * One condition's continuations, judged.
     *
     * @param condition     the condition
     * @param continuations each prompt's continuation
     * @param judged        each prompt's scored sentences
     * @param report        the misalignment over all of them
     */
    public record ConditionResult(Condition condition, List<String> continuations,
                                  List<List<Misalignment.JudgedSentence>> judged, MetricReport report) {
        public ConditionResult {
            continuations = List.copyOf(continuations);
            judged = List.copyOf(judged);
        }
    }

    /**
     * One line of the seed's report: a misalignment without control tokens and under a condition.
     *
     * @param measure    the misalignment
     * @param condition  the condition aiming to lower it
     * @param none       its value without control tokens, a share in [0, 1]
     * @param controlled its value under the condition
     */
    public record Comparison(Condition.Measure measure, Condition condition, double none, double controlled) {
        /** controlled − none: negative when the tokens lower the misalignment. */
        public double difference() {
            return controlled - none;
        }
    }

    /** The report's comparisons, one per condition evaluated besides none, in the order they ran. */
    public List<Comparison> comparisons() {
        List<Comparison> comparisons = new ArrayList<>();
        MetricReport none = results.getFirst().report();
        for (ConditionResult result : results.subList(1, results.size())) {
            Condition.Measure measure = result.condition().measure();
            comparisons.add(new Comparison(measure, result.condition(), none.value(measure.value()),
                    result.report().value(measure.value())));
        }
        return comparisons;
    }

    /**
     * The comparisons in the report's layout (misalignment | no cond | condition | with it | difference, in
     * percentage points), then every condition's three shares.
     */
    public String table() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-14s %9s  %-21s %9s %12s%n",
                "misalignment", "no cond", "condition", "with it", "difference"));
        for (Comparison c : comparisons()) {
            text.append(String.format(Locale.ROOT, "%-14s %8.1f%%  %-21s %8.1f%% %+9.1f pp%n", c.measure().label(),
                    100 * c.none(), ControlToken.texts(c.condition().tokens()), 100 * c.controlled(),
                    100 * c.difference()));
        }
        text.append(String.format(Locale.ROOT, "%n%-10s %-21s %9s %9s %9s %9s%n", "condition", "tokens", "sentences",
                "toxic", "negative", "joint"));
        for (ConditionResult result : results) {
            MetricReport report = result.report();
            text.append(String.format(Locale.ROOT, "%-10s %-21s %9d %8.1f%% %8.1f%% %8.1f%%%n",
                    result.condition().label(), ControlToken.texts(result.condition().tokens()),
                    (long) report.value("sentences"), 100 * report.value("toxic"), 100 * report.value("negative"),
                    100 * report.value("joint")));
        }
        text.append(String.format(Locale.ROOT, "(%d prompts; tokens placed: %s; scored: %s)%n", prompts.size(),
                placement.label(), scoredText.label()));
        return text.toString();
    }

    /**
     * The report as JSON: {@code settings} (the caller's), {@code prompts} (their number), {@code placement},
     * {@code scoring} (the {@link ScoredText}),
     * {@code misalignment} ({@code {measure: {condition, tokens, none, controlled, difference}}}) and
     * {@code conditions} ({@code {condition: {tokens, sentences, toxic, negative, joint}}}).
     */
    public ObjectNode json(ObjectNode settings) {
        ObjectNode root = JSON.createObjectNode();
        root.set("settings", settings);
        root.put("prompts", prompts.size());
        root.put("placement", placement.label());
        root.put("scoring", scoredText.label());
        ObjectNode comparisons = root.putObject("misalignment");
        for (Comparison c : comparisons()) {
            comparisons.putObject(c.measure().label()).put("condition", c.condition().label())
                    .put("tokens", ControlToken.texts(c.condition().tokens())).put("none", c.none())
                    .put("controlled", c.controlled()).put("difference", c.difference());
        }
        ObjectNode conditions = root.putObject("conditions");
        for (ConditionResult result : results) {
            ObjectNode values = conditions.putObject(result.condition().label())
                    .put("tokens", ControlToken.texts(result.condition().tokens()));
            for (MetricReport.Value value : result.report().values()) values.put(value.name(), value.value());
        }
        return root;
    }

    /** Writes {@link #json} to {@code file} atomically. */
    public void writeJson(Path file, ObjectNode settings) throws IOException {
        AtomicFiles.write(file, (JSON.writeValueAsString(json(settings)) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes one JSON line per condition and prompt, atomically: {@code condition}, {@code tokens},
     * {@code prompt_index}, {@code prompt} with its labels, {@code continuation}, {@code scored} (each scored
     * sentence with its scores and judgements) and the counts ({@code sentences}, {@code toxic_sentences}, ...).
     */
    public void writePredictions(Path file) throws IOException {
        AtomicFiles.write(file, channel -> {
            Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
            for (ConditionResult result : results) {
                for (int i = 0; i < prompts.size(); i++) {
                    out.write(LINES.writeValueAsString(prediction(result, i)));
                    out.write('\n');
                }
            }
            out.flush(); // not closed: AtomicFiles still forces the channel to disk
        });
    }

    private ObjectNode prediction(ConditionResult result, int i) {
        LabelledSentence prompt = prompts.get(i);
        ObjectNode row = LINES.createObjectNode()
                .put("condition", result.condition().label())
                .put("tokens", ControlToken.texts(result.condition().tokens()))
                .put("prompt_index", i)
                .put("prompt", prompt.text())
                .put("prompt_toxicity", prompt.toxicity().label())
                .put("prompt_sentiment", prompt.sentiment().label())
                .put("continuation", result.continuations().get(i));
        ArrayNode sentences = row.putArray("scored");
        for (Misalignment.JudgedSentence sentence : result.judged().get(i)) {
            sentences.addObject().put("text", sentence.text()).put("toxicity", sentence.toxicity())
                    .put("toxic", sentence.toxic()).put("sentiment", sentence.sentiment())
                    .put("positive", sentence.positive());
        }
        result.report().perRow().get(i).values().forEach((name, value) -> row.set(name, LINES.valueToTree(value)));
        return row;
    }
}
