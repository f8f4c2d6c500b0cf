package dev.rein.steering.cogsteer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.formats.FormatException;
import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.JsonFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An eye-tracking corpus in CogSteer's format (METHODS.md 4.1): {@code {"sents": [...], "eye_fs": [...]}}, where
 * {@code eye_fs} holds one list per eye feature and each of those one list of per-word numbers per sentence. The
 * files do not name the features; they are called {@code feature_0} ... in file order. A sentence's words are its
 * whitespace-separated pieces, so a sentence whose feature lists have another length cannot be aligned: it is kept
 * here and skipped by the analysis, which counts it.
 *
 * @param sentences the sentences
 * @param features  [feature][sentence][word] the eye features
 */
public record EyeTrackingCorpus(List<String> sentences, double[][][] features) {

    /**
     * Reads {@code file}.
     *
     * @throws FormatException naming the field when the file is not of that shape: no {@code sents} list of
     *                         strings, no {@code eye_fs} list of lists (one per sentence) of lists of numbers, or no
     *                         sentence at all
     */
    public static EyeTrackingCorpus read(Path file) throws IOException {
        JsonFields root = JsonFiles.readObject(file);
        JsonNode sents = root.value("sents");
        if (sents == null || !sents.isArray() || sents.isEmpty()) {
            throw root.error("sents", "expected a non-empty list of sentences, found " + JsonFields.describe(sents));
        }
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < sents.size(); i++) {
            if (!sents.get(i).isTextual()) {
                throw new FormatException(file, "sents[" + i + "]", "expected a string, found "
                        + JsonFields.describe(sents.get(i)));
            }
            sentences.add(sents.get(i).asText());
        }
        JsonNode eye = root.value("eye_fs");
        if (eye == null || !eye.isArray() || eye.isEmpty()) {
            throw root.error("eye_fs", "expected a non-empty list with one list per eye feature, found "
                    + JsonFields.describe(eye));
        }
        double[][][] features = new double[eye.size()][][];
        for (int f = 0; f < eye.size(); f++) {
            features[f] = feature(file, "eye_fs[" + f + "]", eye.get(f), sentences.size());
        }
        return new EyeTrackingCorpus(List.copyOf(sentences), features);
    }

    /** The name of feature {@code f}. */
    public static String featureName(int f) {
        return "feature_" + f;
    }

    /** How many eye features each word has. */
    public int featureCount() {
        return features.length;
    }

    private static double[][] feature(Path file, String where, JsonNode node, int sentences) {
        if (!node.isArray() || node.size() != sentences) {
            throw new FormatException(file, where, "expected a list with one list per sentence (" + sentences
                    + "), found " + (node.isArray() ? "a list of " + node.size() : JsonFields.describe(node)));
        }
        double[][] values = new double[sentences][];
        for (int s = 0; s < sentences; s++) {
            JsonNode words = node.get(s);
            if (!words.isArray()) {
                throw new FormatException(file, where + "[" + s + "]", "expected a list of per-word numbers, found "
                        + JsonFields.describe(words));
            }
            values[s] = new double[words.size()];
            for (int w = 0; w < words.size(); w++) {
                if (!words.get(w).isNumber()) {
                    throw new FormatException(file, where + "[" + s + "][" + w + "]", "expected a number, found "
                            + JsonFields.describe(words.get(w)));
                }
                values[s][w] = words.get(w).asDouble();
            }
        }
        return values;
    }
}
