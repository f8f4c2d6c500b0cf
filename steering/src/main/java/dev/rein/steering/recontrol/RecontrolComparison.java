package dev.rein.steering.recontrol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.eval.MetricReport;
import dev.rein.formats.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plain and RE-Control-guided responses to the same prompts with the same seeds, and their measures side by side
 * ({@link #rows()}): the mean reward, RE-Control's diversity, distinct-2 over all responses (which falls when
 * guidance pushes different prompts to the same text), coherence and the mean response length in characters.
 */
public record RecontrolComparison(EvaluatedResponses plain, EvaluatedResponses steered) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String DISTINCT_2 = "distinct_2";

    /** @throws IllegalArgumentException when the two sides answer different prompts */
    public RecontrolComparison {
        if (plain.responses().size() != steered.responses().size()) {
            throw new IllegalArgumentException(plain.responses().size() + " plain responses but "
                    + steered.responses().size() + " steered ones");
        }
        for (int i = 0; i < plain.responses().size(); i++) {
            CollectedResponse a = plain.responses().get(i);
            CollectedResponse b = steered.responses().get(i);
            if (a.prompt() != b.prompt() || a.sample() != b.sample() || !a.promptText().equals(b.promptText())) {
                throw new IllegalArgumentException("response " + i + " answers different prompts on the two sides");
            }
        }
    }

    /**
     * One measure on both sides.
     *
     * @param name    its key in the JSON, e.g. {@code mean_reward}
     * @param label   its name in the table, e.g. {@code reward}
     * @param plain   without guidance
     * @param steered with guidance
     */
    public record Row(String name, String label, double plain, double steered) {
        /** steered − plain. */
        public double change() {
            return steered - plain;
        }
    }

    /** The measures, in the table's order. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("mean_reward", "reward", plain.meanReward(), steered.meanReward()));
        rows.add(diversityRow("diversity", "diversity"));
        if (hasValue(plain.diversity(), DISTINCT_2) && hasValue(steered.diversity(), DISTINCT_2)) {
            rows.add(diversityRow(DISTINCT_2, "distinct-2"));
        }
        rows.add(new Row("coherence", "coherence", plain.meanCoherence(), steered.meanCoherence()));
        rows.add(diversityRow("response_length", "length (chars)"));
        return rows;
    }

    /** The measures as text: metric | plain | RE-Control | change. */
    public String table() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-16s %12s %12s %12s%n", "metric", "plain",
                "RE-Control", "change"));
        for (Row row : rows()) {
            text.append(String.format(Locale.ROOT, "%-16s %12.4f %12.4f %+12.4f%n", row.label(), row.plain(),
                    row.steered(), row.change()));
        }
        return text.toString();
    }

    /**
     * The comparison as JSON: {@code settings} (the caller's), {@code metrics} ({@code {name: {plain, re_control,
     * change}}}), each side's full diversity report, and {@code rows}: each prompt with both responses, rewards and
     * coherences.
     */
    public ObjectNode json(ObjectNode settings) {
        ObjectNode root = JSON.createObjectNode();
        root.set("settings", settings);
        ObjectNode metrics = root.putObject("metrics");
        for (Row row : rows()) {
            metrics.putObject(row.name()).put("plain", row.plain()).put("re_control", row.steered())
                    .put("change", row.change());
        }
        ObjectNode diversity = root.putObject("diversity");
        diversity.set("plain", diversityJson(plain.diversity()));
        diversity.set("re_control", diversityJson(steered.diversity()));
        double[] plainRewards = plain.rewards();
        double[] steeredRewards = steered.rewards();
        double[] plainCoherences = plain.coherences();
        double[] steeredCoherences = steered.coherences();
        ArrayNode rows = root.putArray("rows");
        for (int i = 0; i < plainRewards.length; i++) {
            CollectedResponse p = plain.responses().get(i);
            rows.addObject().put("prompt_index", p.prompt()).put("sample", p.sample()).put("prompt", p.promptText())
                    .put("plain", p.response()).put("re_control", steered.responses().get(i).response())
                    .put("plain_reward", plainRewards[i]).put("re_control_reward", steeredRewards[i])
                    .put("plain_coherence", plainCoherences[i]).put("re_control_coherence", steeredCoherences[i]);
        }
        return root;
    }

    /** Writes {@link #json} to {@code file} atomically. */
    public void writeJson(Path file, ObjectNode settings) throws IOException {
        AtomicFiles.write(file, (JSON.writeValueAsString(json(settings)) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private Row diversityRow(String name, String label) {
        return new Row(name, label, plain.diversity().value(name), steered.diversity().value(name));
    }

    private static boolean hasValue(MetricReport report, String name) {
        return report.values().stream().anyMatch(value -> value.name().equals(name));
    }

    private static ObjectNode diversityJson(MetricReport report) {
        ObjectNode values = JSON.createObjectNode();
        for (MetricReport.Value value : report.values()) values.put(value.name(), value.value());
        return values;
    }
}
