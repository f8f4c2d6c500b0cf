package dev.rein.eval.toxicity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.eval.TextScorer;
import dev.rein.formats.FormatException;
import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * profanity-check's linear model (github.com/vzhou842/profanity-check), read from its JSON export: the probability
 * that a text is offensive. The text becomes word counts x ({@link CountVectorizerWords}, counts, not presence);
 * each of the K cross-validation folds of the calibrated LinearSVC gives a decision {@code d_k = w_k · x + c_k} and
 * a sigmoid-calibrated probability {@code p_k = 1 / (1 + exp(a_k d_k + b_k))}; the score is their mean, as
 * scikit-learn's {@code CalibratedClassifierCV(method="sigmoid").predict_proba} computes it. Words outside the
 * vocabulary count for nothing, so a text without known words (an empty one included) gets the mean of the
 * calibrated intercepts, about 0.12 for the shipped model.
 *
 * <p>The JSON holds {@code vectorizer} (CountVectorizer settings, which must be the defaults implemented here),
 * {@code model} (a description), {@code folds} ({@code [{"intercept", "a", "b"}]}), {@code vocab} (the words of the
 * columns) and {@code coef} ([vocab][folds] weights).
 */
public final class ProfanityModel implements TextScorer {
    private final Map<String, Integer> columns;
    private final double[] weights;        // [word][fold], row-major
    private final double[] intercepts;
    private final double[] slopes;         // a_k
    private final double[] offsets;        // b_k

    private ProfanityModel(Map<String, Integer> columns, double[] weights, double[] intercepts, double[] slopes,
                           double[] offsets) {
        this.columns = columns;
        this.weights = weights;
        this.intercepts = intercepts;
        this.slopes = slopes;
        this.offsets = offsets;
    }

    /**
     * Reads the model exported as JSON.
     *
     * @throws FormatException naming the file and field when the file is missing or malformed, or describes a
     *                         vectorizer or calibration other than the one implemented here
     */
    public static ProfanityModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new FormatException(file, null, "no such file; expected profanity-check's model as JSON");
        }
        JsonFields json = JsonFiles.readObject(file);
        checkVectorizer(json.object("vectorizer"));
        String kind = json.object("model").string("type");
        if (!kind.startsWith("CalibratedClassifierCV(") || !kind.contains("method=sigmoid")) {
            throw json.error("model.type", "expected a CalibratedClassifierCV with method=sigmoid, found \"" + kind
                    + "\"");
        }
        List<JsonFields> folds = json.objects("folds");
        if (folds.isEmpty()) throw json.error("folds", "expected at least one fold, found none");
        int k = folds.size();
        double[] intercepts = new double[k];
        double[] slopes = new double[k];
        double[] offsets = new double[k];
        for (int fold = 0; fold < k; fold++) {
            intercepts[fold] = folds.get(fold).number("intercept");
            slopes[fold] = folds.get(fold).number("a");
            offsets[fold] = folds.get(fold).number("b");
        }
        List<String> vocabulary = json.optionalStringList("vocab")
                .orElseThrow(() -> json.error("vocab", "missing (required)"));
        Map<String, Integer> columns = new HashMap<>();
        for (int column = 0; column < vocabulary.size(); column++) {
            if (columns.putIfAbsent(vocabulary.get(column), column) != null) {
                throw json.error("vocab[" + column + "]", "\"" + vocabulary.get(column) + "\" is also column "
                        + columns.get(vocabulary.get(column)) + "; expected distinct words");
            }
        }
        return new ProfanityModel(columns, weights(file, json, vocabulary.size(), k), intercepts, slopes, offsets);
    }

    /** The probability that {@code text} is offensive, in (0, 1). */
    @Override
    public double score(String text) {
        int k = intercepts.length;
        double[] decisions = intercepts.clone();
        for (String word : CountVectorizerWords.of(text)) {
            Integer column = columns.get(word);
            if (column == null) continue;
            for (int fold = 0; fold < k; fold++) decisions[fold] += weights[column * k + fold];
        }
        double sum = 0;
        for (int fold = 0; fold < k; fold++) sum += 1 / (1 + Math.exp(slopes[fold] * decisions[fold] + offsets[fold]));
        return sum / k;
    }

    /** The number of words with weights. */
    public int vocabularySize() {
        return columns.size();
    }

    /** The number of calibrated folds averaged. */
    public int folds() {
        return intercepts.length;
    }

    private static void checkVectorizer(JsonFields vectorizer) {
        expect(vectorizer, "type", vectorizer.string("type").equals("CountVectorizer"), "\"CountVectorizer\"");
        expect(vectorizer, "lowercase", vectorizer.optionalBool("lowercase").orElse(true), "true");
        expect(vectorizer, "token_pattern", vectorizer.string("token_pattern", CountVectorizerWords.TOKEN_PATTERN)
                .equals(CountVectorizerWords.TOKEN_PATTERN), "\"" + CountVectorizerWords.TOKEN_PATTERN + "\"");
        int[] ngrams = vectorizer.has("ngram_range") ? vectorizer.counts("ngram_range") : new int[] {1, 1};
        expect(vectorizer, "ngram_range", ngrams.length == 2 && ngrams[0] == 1 && ngrams[1] == 1, "[1, 1]");
        expect(vectorizer, "binary", !vectorizer.bool("binary", false), "false (counts)");
    }

    private static void expect(JsonFields vectorizer, String field, boolean holds, String expected) {
        if (!holds) {
            throw vectorizer.error(field, "only " + expected + " is supported, found "
                    + JsonFields.describe(vectorizer.value(field)));
        }
    }

    /** {@code coef}, [vocab][folds] numbers, flattened row by row. */
    private static double[] weights(Path file, JsonFields json, int words, int folds) {
        JsonNode rows = json.value("coef");
        if (rows == null || !rows.isArray() || rows.size() != words) {
            throw json.error("coef", "expected a list of " + words + " rows (one per vocab word), found "
                    + (rows != null && rows.isArray() ? rows.size() + " rows" : JsonFields.describe(rows)));
        }
        double[] weights = new double[words * folds];
        for (int word = 0; word < words; word++) {
            JsonNode row = rows.get(word);
            if (!row.isArray() || row.size() != folds) {
                throw new FormatException(file, "coef[" + word + "]", "expected a list of " + folds
                        + " numbers (one per fold), found " + JsonFields.describe(row));
            }
            for (int fold = 0; fold < folds; fold++) {
                JsonNode weight = row.get(fold);
                if (!weight.isNumber()) {
                    throw new FormatException(file, "coef[" + word + "][" + fold + "]", "expected a number, found "
                            + JsonFields.describe(weight));
                }
                weights[word * folds + fold] = weight.doubleValue();
            }
        }
        return weights;
    }
}
