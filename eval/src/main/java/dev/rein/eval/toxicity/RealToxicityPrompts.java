package dev.rein.eval.toxicity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.data.lm.JsonLines;
import dev.rein.formats.FormatException;
import dev.rein.formats.json.JsonFields;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reads RealToxicityPrompts-style JSON Lines (CogSteer's {@code rtp-test-toxic-2k.jsonl}): each row has
 * {@code prompt} and {@code continuation} objects with the {@code text} and Perspective attribute scores, of which
 * {@code toxicity} is used. A text without a toxicity score (absent or null: 9 continuations of that file) is kept
 * out of the scored examples.
 */
public final class RealToxicityPrompts {
    /** One row: its line number and its prompt and continuation, each null when the file gives it no toxicity. */
    public record Row(int line, ToxicityExample prompt, ToxicityExample continuation) {
        /** The row's texts that have a toxicity score, prompt first. */
        public List<ToxicityExample> scored() {
            List<ToxicityExample> scored = new ArrayList<>(2);
            if (prompt != null) scored.add(prompt);
            if (continuation != null) scored.add(continuation);
            return scored;
        }
    }

    private RealToxicityPrompts() {
    }

    /**
     * The rows of {@code file}.
     *
     * @throws FormatException naming the line and field when a row lacks a text, or a toxicity is not a number in
     *                         [0, 1], or the file has no rows
     */
    public static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (JsonLines.Line line : JsonLines.lines(file)) {
            JsonFields row = JsonFields.of(file, line.where(), line.value());
            rows.add(new Row(line.number(), part(row, "prompt", ToxicityExample.Part.PROMPT),
                    part(row, "continuation", ToxicityExample.Part.CONTINUATION)));
        }
        if (rows.isEmpty()) throw new FormatException(file, null, "has no rows; expected one JSON object per line");
        return rows;
    }

    /** The scored texts of {@code rows}, row by row, prompt before continuation. */
    public static List<ToxicityExample> examples(List<Row> rows) {
        return rows.stream().flatMap(row -> row.scored().stream()).toList();
    }

    /** How many texts of {@code rows} have no toxicity score. */
    public static int unscored(List<Row> rows) {
        return rows.stream().mapToInt(row -> 2 - row.scored().size()).sum();
    }

    private static ToxicityExample part(JsonFields row, String name, ToxicityExample.Part part) {
        JsonFields fields = row.object(name);
        String text = fields.string("text");
        OptionalDouble toxicity = fields.optionalNumber("toxicity", OptionalDouble.empty());
        if (toxicity.isEmpty()) return null;
        double score = toxicity.getAsDouble();
        if (!(score >= 0 && score <= 1)) {
            JsonNode value = fields.value("toxicity");
            throw fields.error("toxicity", "expected a score in [0, 1], found " + JsonFields.describe(value));
        }
        return new ToxicityExample(text, score, part);
    }
}
