package dev.rein.steering.ctrl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.data.lm.JsonLines;
import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A JSON Lines file of sentences to label, read a row at a time. A row holds one sentence, {@code {"text": "...",
 * "score": 0.02}}, or a document as a list of sentences with one score each, {@code {"texts": ["...", "..."],
 * "scores": [0.1, 0.0004]}} (the shape of {@code tomekkorbak/pile-detoxify}); the field names are the caller's. Each
 * sentence is cleaned with the seed's regex ({@link SentenceCleaner}). A row without the text field, or with a
 * score field that does not fit its text, is a {@link FormatException} naming the file, the line and the field.
 *
 * @param file       the file
 * @param textField  the field holding a sentence or a list of sentences
 * @param scoreField the field holding the toxicity score (a list for a list of sentences), or null when the labels
 *                   come from a scorer
 */
public record SentenceFile(Path file, String textField, String scoreField) {

    /** Hands each sentence of the file, cleaned, to {@code sentences}, in file order. */
    public void read(Consumer<SourceSentence> sentences) throws IOException {
        JsonLines.forEach(file, line -> {
            JsonNode text = line.value().get(textField);
            if (text == null || !(text.isTextual() || isArrayOf(text, JsonNode::isTextual))) {
                throw problem(line, textField, (text == null ? "missing" : "not a string or an array of strings")
                        + "; each row needs its sentence, or its list of sentences, in \"" + textField + "\"");
            }
            List<OptionalDouble> scores = scores(line, text);
            List<String> texts = new ArrayList<>();
            if (text.isTextual()) {
                texts.add(text.asText());
            } else {
                text.forEach(sentence -> texts.add(sentence.asText()));
            }
            for (int i = 0; i < texts.size(); i++) {
                String where = text.isTextual() ? line.where() : line.where() + " sentence " + (i + 1);
                sentences.accept(new SourceSentence(SentenceCleaner.clean(texts.get(i)), scores.get(i), where));
            }
        });
    }

    /** The score of each sentence of the row (empty ones when there is no score field). */
    private List<OptionalDouble> scores(JsonLines.Line line, JsonNode text) {
        int count = text.isTextual() ? 1 : text.size();
        List<OptionalDouble> scores = new ArrayList<>(count);
        if (scoreField == null) {
            for (int i = 0; i < count; i++) scores.add(OptionalDouble.empty());
            return scores;
        }
        JsonNode score = line.value().get(scoreField);
        if (text.isTextual()) {
            if (score == null || !score.isNumber()) {
                throw problem(line, scoreField, (score == null ? "missing" : "not a number")
                        + "; a row with one sentence needs its toxicity score there");
            }
            scores.add(OptionalDouble.of(score.asDouble()));
            return scores;
        }
        if (score == null || !isArrayOf(score, JsonNode::isNumber) || score.size() != count) {
            throw problem(line, scoreField, (score == null ? "missing" : "not an array of " + count + " numbers")
                    + "; a row with " + count + " sentences in \"" + textField + "\" needs one score for each");
        }
        score.forEach(value -> scores.add(OptionalDouble.of(value.asDouble())));
        return scores;
    }

    private FormatException problem(JsonLines.Line line, String field, String problem) {
        return new FormatException(file, line.where(), "\"" + field + "\" " + problem);
    }

    private static boolean isArrayOf(JsonNode value, Predicate<JsonNode> element) {
        if (!value.isArray()) return false;
        for (JsonNode item : value) {
            if (!element.test(item)) return false;
        }
        return true;
    }
}
