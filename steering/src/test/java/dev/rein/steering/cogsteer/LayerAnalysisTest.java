package dev.rein.steering.cogsteer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.eval.PearsonCorrelation;
import dev.rein.eval.PrincipalComponent;
import dev.rein.formats.FormatException;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.CachedRun;
import dev.rein.models.hooks.HookPoints;
import dev.rein.text.tokenizer.Encoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerAnalysisTest {
    private static final List<String> SENTENCES = List.of("Once upon a time there was a little cat.",
            "The dog ran to the park and played with a ball.", "She was happy and said thank you.",
            "Tom looked at the big red tree.");

    @TempDir
    Path dir;

    @Test
    void wordStatesAreTheMaximumOverEachWordsTokensOfTheResidualStream() {
        try (LanguageModel model = LanguageModel.loadDefault()) {
            String sentence = SENTENCES.getFirst();
            double[][][] states = WordStates.of(model.transformer(), model.tokenizer(), sentence);
            int layer = 2;
            CachedRun run = model.runWithCache(sentence, HookPoints.residPost(layer)::equals);
            float[] resid = run.cache().get(HookPoints.residPost(layer)).contiguous().toFloatArray();
            Encoding encoding = model.tokenizer().encodeWithOffsets(sentence);
            int hidden = model.config().hiddenSize();
            List<int[]> words = WordStates.words(sentence);
            assertEquals(9, words.size());
            for (int w = 0; w < words.size(); w++) {
                double[] expected = new double[hidden];
                Arrays.fill(expected, Double.NEGATIVE_INFINITY);
                String word = sentence.substring(words.get(w)[0], words.get(w)[1]);
                for (int t = 0; t < encoding.size(); t++) {
                    String piece = sentence.substring(encoding.starts()[t], encoding.ends()[t]).strip();
                    if (!piece.isEmpty() && word.contains(piece) && encoding.starts()[t] < words.get(w)[1]
                            && encoding.ends()[t] > words.get(w)[0]) {
                        for (int k = 0; k < hidden; k++) expected[k] = Math.max(expected[k], resid[t * hidden + k]);
                    }
                }
                assertArrayEquals(expected, states[layer + 1][w], 1e-4, "word " + word);   // float noise of two passes
            }
        }
    }

    @Test
    void correlatesEachDepthsFirstComponentAndSkipsSentencesOfAnotherWordCount() throws Exception {
        Path file = dir.resolve("eye.json");
        // feature 0: word length; feature 1: position in the sentence; the last sentence gets one value too many
        StringBuilder lengths = new StringBuilder();
        StringBuilder positions = new StringBuilder();
        for (int s = 0; s < SENTENCES.size(); s++) {
            List<String> length = new ArrayList<>();
            List<String> position = new ArrayList<>();
            List<int[]> words = WordStates.words(SENTENCES.get(s));
            for (int w = 0; w < words.size(); w++) {
                length.add(String.valueOf(words.get(w)[1] - words.get(w)[0]));
                position.add(String.valueOf(w));
            }
            if (s == SENTENCES.size() - 1) position.add("7");
            lengths.append(s == 0 ? "" : ",").append(length);
            positions.append(s == 0 ? "" : ",").append(position);
        }
        Files.writeString(file, "{\"sents\": [" + String.join(",", SENTENCES.stream().map(x -> "\"" + x + "\"")
                .toList()) + "], \"eye_fs\": [[" + lengths + "], [" + positions + "]]}");
        try (LanguageModel model = LanguageModel.loadDefault()) {
            LayerCorrelations result = LayerAnalysis.run(model.transformer(), model.tokenizer(),
                    EyeTrackingCorpus.read(file), s -> { });
            assertEquals(3, result.sentences());
            assertEquals(1, result.skipped());
            assertEquals(9 + 11 + 7, result.words());
            assertEquals(model.config().numLayers() + 1, result.depths().size());
            // depth 1 by hand: the states of the three aligned sentences, PCA, Pearson with word length
            List<double[]> points = new ArrayList<>();
            List<Double> length = new ArrayList<>();
            for (String sentence : SENTENCES.subList(0, 3)) {
                points.addAll(List.of(WordStates.of(model.transformer(), model.tokenizer(), sentence)[1]));
                WordStates.words(sentence).forEach(w -> length.add((double) (w[1] - w[0])));
            }
            double[][] matrix = points.toArray(double[][]::new);
            double expected = PearsonCorrelation.of(PrincipalComponent.of(matrix).project(matrix),
                    length.stream().mapToDouble(Double::doubleValue).toArray());
            assertEquals(expected, result.depths().get(1).raw().getFirst().pearson(), 1e-12);
            // position 0 has log10 undefined: those words are left out of the log10 correlations
            assertEquals(27 - 3, result.depths().get(1).log10().get(1).words());
            assertTrue(result.suggestedLayer() >= 0 && result.suggestedLayer() < model.config().numLayers());
            String json = LayerCorrelationsFiles.json(result, new ObjectMapper()
                    .createObjectNode().put("model", "default"));
            assertTrue(json.contains("\"skipped_sentences\" : 1"), json);
            Path png = dir.resolve("layers.png");
            LayerCorrelationsFiles.writePng(png, result, "test", 400, 300);
            assertTrue(Files.size(png) > 1000);
        }
    }

    @Test
    void aFileOfAnotherShapeIsRejectedNamingTheField() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"sents\": [\"a b\"], \"eye_fs\": [[[1, 2]], [[1, \"x\"]]]}");
        FormatException e = assertThrows(FormatException.class, () -> EyeTrackingCorpus.read(file));
        assertTrue(e.getMessage().contains("eye_fs[1][0][1]"), e.getMessage());
        Files.writeString(file, "{\"sentences\": [\"a b\"]}");
        e = assertThrows(FormatException.class, () -> EyeTrackingCorpus.read(file));
        assertTrue(e.getMessage().contains("sents"), e.getMessage());
    }
}
