package dev.rein.steering.ctrl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.data.lm.JsonLines;
import dev.rein.formats.FormatException;
import dev.rein.formats.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Labelled files, JSON Lines with one {@link LabelledSentence} per line, the contract between {@code rein ctrl label}
 * and what trains and evaluates on its rows:
 *
 * <pre>
 * {"text":"...","toxicity":"nontoxic","sentiment":"pos","toxicity_score":0.0004,"sentiment_score":0.31}
 * {"text":"...","toxicity":"toxic","sentiment":"neg","strip":true,"toxicity_score":0.2,"sentiment_score":0.0}
 * </pre>
 *
 * {@code toxicity} is {@code toxic} or {@code nontoxic}, {@code sentiment} is {@code pos}, {@code neu} or
 * {@code neg}; both labels are required (the {@code none} condition trains on the same files, ignoring them).
 * {@code text} is not blank and holds no control token. {@code strip} is present, and true, only on rows trained
 * without control tokens; the scores are optional. Other fields are ignored when reading.
 */
public final class LabelledRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "text";
    private static final String STRIP = "strip";
    private static final String TOXICITY_SCORE = "toxicity_score";
    private static final String SENTIMENT_SCORE = "sentiment_score";

    private LabelledRows() {
    }

    /** Replaces {@code file} atomically with {@code rows}, one per line in order. */
    public static void write(Path file, List<LabelledSentence> rows) throws IOException {
        AtomicFiles.write(file, channel -> {
            Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
            for (LabelledSentence row : rows) {
                out.write(json(row).toString());
                out.write('\n');
            }
            out.flush(); // not closed: AtomicFiles still forces the channel to disk
        });
    }

    /**
     * The rows of {@code file}.
     *
     * @throws FormatException naming the file, the line and the field of the first row without a text or a valid
     *                         label, or with a text that is blank or holds a control token
     */
    public static List<LabelledSentence> read(Path file) throws IOException {
        List<LabelledSentence> rows = JsonLines.read(file, (value, where) -> row(file, value, where));
        if (rows.isEmpty()) throw new FormatException(file, null, "has no rows; expected one labelled sentence a line");
        return rows;
    }

    private static ObjectNode json(LabelledSentence row) {
        ObjectNode json = JSON.createObjectNode();
        json.put(TEXT, row.text());
        json.put(ControlToken.Attribute.TOXICITY.field(), row.toxicity().label());
        json.put(ControlToken.Attribute.SENTIMENT.field(), row.sentiment().label());
        if (row.controls() == LabelledSentence.Controls.STRIPPED) json.put(STRIP, true);
        row.scores().ifPresent(scores -> json.put(TOXICITY_SCORE, scores.toxicity())
                .put(SENTIMENT_SCORE, scores.sentiment()));
        return json;
    }

    private static LabelledSentence row(Path file, JsonNode value, String where) {
        if (!value.isObject()) throw new FormatException(file, where, "expected a JSON object");
        JsonNode text = value.get(TEXT);
        if (text == null || !text.isTextual()) {
            throw new FormatException(file, where, "\"" + TEXT + "\" " + (text == null ? "missing" : "not a string")
                    + "; a labelled row needs its sentence there");
        }
        if (text.asText().isBlank()) throw new FormatException(file, where, "\"" + TEXT + "\" is blank");
        ControlToken.foundIn(text.asText()).ifPresent(token -> {
            throw new FormatException(file, where, "\"" + TEXT + "\" holds the control token " + token.text()
                    + "; control tokens come from the labels");
        });
        JsonNode strip = value.get(STRIP);
        if (strip != null && !strip.isBoolean()) {
            throw new FormatException(file, where, "\"" + STRIP + "\" must be true or false, not " + strip);
        }
        JsonNode toxicityScore = value.get(TOXICITY_SCORE);
        JsonNode sentimentScore = value.get(SENTIMENT_SCORE);
        Optional<LabelledSentence.Scores> scores = toxicityScore != null && toxicityScore.isNumber()
                && sentimentScore != null && sentimentScore.isNumber()
                ? Optional.of(new LabelledSentence.Scores(toxicityScore.asDouble(), sentimentScore.asDouble()))
                : Optional.empty();
        LabelledSentence.Controls controls = strip != null && strip.asBoolean()
                ? LabelledSentence.Controls.STRIPPED : LabelledSentence.Controls.KEPT;
        return new LabelledSentence(text.asText(), label(file, value, where, ControlToken.Attribute.TOXICITY),
                label(file, value, where, ControlToken.Attribute.SENTIMENT), controls, scores);
    }

    private static ControlToken label(Path file, JsonNode row, String where, ControlToken.Attribute attribute) {
        JsonNode value = row.get(attribute.field());
        for (ControlToken token : attribute.tokens()) {
            if (value != null && value.isTextual() && value.asText().equals(token.label())) return token;
        }
        throw new FormatException(file, where, "\"" + attribute.field() + "\" "
                + (value == null ? "missing" : "is " + value) + "; expected one of "
                + attribute.tokens().stream().map(token -> "\"" + token.label() + "\"").toList());
    }
}
