package dev.rein.steering.ctrl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.data.lm.JsonLines;
import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads labelled JSONL, one sentence per line:
 * <pre>
 * {"text": "The sentence.", "toxicity": "nontoxic", "sentiment": "pos"}
 * {"text": "Another one.", "toxicity": "toxic", "sentiment": "neg", "strip": true}
 * </pre>
 * {@code text} is required, not blank, without control tokens; {@code toxicity} ({@code toxic} or
 * {@code nontoxic}) and {@code sentiment} ({@code pos}, {@code neu} or {@code neg}) are required where the
 * {@link Conditioning} uses them and checked wherever given; {@code strip} (a boolean, false when absent) marks a
 * row trained without control tokens. Other fields (scores, a source) are ignored. Blank lines are skipped.
 */
public final class LabelledSentences {
    /** The field names of a row. */
    public static final String TEXT = "text";
    public static final String TOXICITY = "toxicity";
    public static final String SENTIMENT = "sentiment";
    public static final String STRIP = "strip";

    private LabelledSentences() {
    }

    /**
     * The rows of {@code file}, in order.
     *
     * @throws FormatException naming the file, the line and the field: a line that is not a JSON object, a
     *                         missing, blank or non-string {@code text}, a text holding a control token, a label the
     *                         conditioning needs that is missing, a label not one of its spellings, a
     *                         {@code strip} that is not a boolean
     */
    public static List<LabelledSentence> read(Path file, Conditioning conditioning) throws IOException {
        List<LabelledSentence> rows = new ArrayList<>();
        for (JsonLines.Line line : JsonLines.lines(file)) {
            if (!line.value().isObject()) {
                throw new FormatException(file, line.where(), "expected a JSON object, found " + line.value());
            }
            String text = string(file, line, TEXT);
            if (text == null || text.isBlank()) {
                throw new FormatException(file, line.where() + " " + TEXT, text == null ? "missing" : "empty");
            }
            ControlTokens.foundIn(text).ifPresent(token -> {
                throw new FormatException(file, line.where() + " " + TEXT, "holds the control token " + token
                        + "; control tokens come from the labels");
            });
            ToxicityLabel toxicity = label(file, line, TOXICITY, ToxicityLabel.class, conditioning.usesToxicity(),
                    conditioning);
            SentimentLabel sentiment = label(file, line, SENTIMENT, SentimentLabel.class,
                    conditioning.usesSentiment(), conditioning);
            JsonNode strip = line.value().path(STRIP);
            if (!strip.isMissingNode() && !strip.isNull() && !strip.isBoolean()) {
                throw new FormatException(file, line.where() + " " + STRIP, "expected true or false, found " + strip);
            }
            rows.add(new LabelledSentence(text, toxicity, sentiment, strip.asBoolean(false)));
        }
        return rows;
    }

    /** The label in {@code field}: null when absent and not {@code needed}. */
    private static <L extends Enum<L> & ControlLabel> L label(Path file, JsonLines.Line line, String field,
                                                            Class<L> kind, boolean needed,
                                                            Conditioning conditioning) {
        String spelling = string(file, line, field);
        if (spelling == null) {
            if (needed) {
                throw new FormatException(file, line.where() + " " + field, "missing (condition "
                        + conditioning.spelling() + " needs it)");
            }
            return null;
        }
        try {
            return ControlLabel.parse(kind, spelling);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, line.where() + " " + field, e.getMessage());
        }
    }

    /** The string in {@code field}, or null when the field is absent or null. */
    private static String string(Path file, JsonLines.Line line, String field) {
        JsonNode node = line.value().path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new FormatException(file, line.where() + " " + field, "expected a string, found " + node);
        }
        return node.textValue();
    }
}
