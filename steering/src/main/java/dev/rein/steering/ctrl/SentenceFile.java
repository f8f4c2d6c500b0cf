package dev.rein.steering.ctrl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.data.lm.JsonLines;
import dev.rein.eval.text.SentenceSplitter;
import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
 * A file of whole documents (tales sampled from a model, say) is read with {@link Split#SENTENCES}: each text is cut
 * into sentences by the rule-based {@link SentenceSplitter} before cleaning (the regex strips the quotes and line
 * breaks the splitter reads).
 *
 * @param file       the file
 * @param textField  the field holding a sentence or a list of sentences
 * @param scoreField the field holding the toxicity score (a list for a list of sentences), or null when the labels
 *                   come from a scorer
 * @param split      whether each text is a sentence or a document to cut into sentences
 * @throws IllegalArgumentException when documents are cut into sentences and a score field is given: a document's
 *                                  score cannot label its sentences
 */
public record SentenceFile(Path file, String textField, String scoreField, Split split) {
    /** What a text of the file is. */
    public enum Split {
        /** A sentence, taken as it is. */
        NONE,
        /** A document, cut into sentences ({@link SentenceSplitter}). */
        SENTENCES;

        /** Its name on the command line: none or sentences. */
        public String label() {
            return EnumLabels.label(this);
        }

        /**
         * The split named {@code name}.
         *
         * @throws IllegalArgumentException naming the accepted names
         */
        public static Split parse(String name) {
            return EnumLabels.parse(Split.class, name, "split");
        }
    }

    public SentenceFile {
        if (split == Split.SENTENCES && scoreField != null) {
            throw new IllegalArgumentException("documents cut into sentences take their toxicity from a scorer; "
                    + "a score field gives one score per text, not per sentence");
        }
    }

    /** Hands each sentence of the file, cleaned, to {@code sentences}, in file order. */
    public void read(Consumer<SourceSentence> sentences) throws IOException {
        JsonLines.forEach(file, line -> {
            JsonNode text = line.value().get(textField);
            if (text == null || !(text.isTextual() || isArrayOf(text, JsonNode::isTextual))) {
                throw problem(line, textField, (text == null ? "missing" : "not a string or an array of strings")
                        + "; each row needs its sentence, or its list of sentences, in \"" + textField + "\"");
            }
            List<String> texts = new ArrayList<>();
            if (text.isTextual()) {
                texts.add(text.asText());
            } else {
                text.forEach(sentence -> texts.add(sentence.asText()));
            }
            if (split == Split.SENTENCES) {
                List<String> documents = List.copyOf(texts);
                texts.clear();
                documents.forEach(document -> texts.addAll(SentenceSplitter.split(document)));
            }
            List<OptionalDouble> scores = scores(line, text, texts.size());
            boolean oneSentence = text.isTextual() && split == Split.NONE;
            for (int i = 0; i < texts.size(); i++) {
                String where = oneSentence ? line.where() : line.where() + " sentence " + (i + 1);
                sentences.accept(new SourceSentence(SentenceCleaner.clean(texts.get(i)), scores.get(i), where));
            }
        });
    }

    /** The score of each of the row's {@code sentences} (empty ones when there is no score field). */
    private List<OptionalDouble> scores(JsonLines.Line line, JsonNode text, int sentences) {
        if (scoreField == null) return Collections.nCopies(sentences, OptionalDouble.empty());
        int count = text.isTextual() ? 1 : text.size();
        List<OptionalDouble> scores = new ArrayList<>(count);
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
