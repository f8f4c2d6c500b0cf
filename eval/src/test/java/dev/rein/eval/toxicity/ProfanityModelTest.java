package dev.rein.eval.toxicity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfanityModelTest {
    /** profanity-check's probabilities of {@link CountVectorizerWordsTest#TEXTS}, by fixtures/profanity_fixtures.py. */
    private static final double[] PYTHON_PROBABILITIES = {
            0.11028857219807167,
            0.9721894644360519,
            0.8841174145278355,
            0.8504438973326149,
            0.12095604436347504,
            0.12095604436347504,
            0.9998600174452236,
            0.10601707485518833,
            0.12095604436347504,
            0.12095604436347504,
            0.09488830390219345,
            0.10934983700966061,
            0.06737456921492203,
            0.11403465014365384,
            0.9972877364099488,
            0.12095604436347504,
            0.6800831153338168};

    private static final String TINY = """
            {"vectorizer": {"type": "CountVectorizer", "lowercase": true, "token_pattern": "(?u)\\\\b\\\\w\\\\w+\\\\b",
                            "ngram_range": [1, 1], "binary": false},
             "model": {"type": "CalibratedClassifierCV(LinearSVC, method=sigmoid)"},
             "folds": [{"intercept": -0.5, "a": -2.0, "b": 1.0}, {"intercept": 0.25, "a": -1.0, "b": 0.5}],
             "vocab": ["bad", "nice"],
             "coef": [[1.0, 2.0], [-1.0, -0.5]]}
            """;

    @TempDir
    Path folder;

    @Test
    void reproducesProfanityChecksProbabilitiesOfTheSharedModel() throws IOException {
        ProfanityModel model = ProfanityModel.load(SharedData.path("data/toxicity/profanity_model.json"));
        assertEquals(15442, model.vocabularySize());
        assertEquals(5, model.folds());
        double[] scores = model.scoreAll(CountVectorizerWordsTest.TEXTS);
        for (int i = 0; i < scores.length; i++) {
            assertEquals(PYTHON_PROBABILITIES[i], scores[i], 1e-13, CountVectorizerWordsTest.TEXTS.get(i));
        }
    }

    @Test
    void countsRepeatedWordsAndAveragesTheCalibratedFolds() throws IOException {
        ProfanityModel model = ProfanityModel.load(write(TINY));
        // bad twice, nice once, "x" too short to be a word: d = (-0.5 + 2 - 1, 0.25 + 4 - 0.5) = (0.5, 3.75)
        double expected = (1 / (1 + Math.exp(-2.0 * 0.5 + 1.0)) + 1 / (1 + Math.exp(-1.0 * 3.75 + 0.5))) / 2;
        assertEquals(expected, model.score("Bad BAD, nice x!"), 1e-15);
        double nothingKnown = (1 / (1 + Math.exp(-2.0 * -0.5 + 1.0)) + 1 / (1 + Math.exp(-1.0 * 0.25 + 0.5))) / 2;
        assertEquals(nothingKnown, model.score(""), 1e-15);
        assertEquals(nothingKnown, model.score("unknown words only"), 1e-15);
    }

    @Test
    void malformedFilesNameTheFieldAtFault() throws IOException {
        assertProblem(TINY.replace("[[1.0, 2.0], [-1.0, -0.5]]", "[[1.0, 2.0], [-1.0]]"), "coef[1]",
                "expected a list of 2 numbers (one per fold)");
        assertProblem(TINY.replace("[[1.0, 2.0], [-1.0, -0.5]]", "[[1.0, 2.0], [-1.0, \"x\"]]"), "coef[1][1]",
                "expected a number");
        assertProblem(TINY.replace("[[1.0, 2.0], [-1.0, -0.5]]", "[[1.0, 2.0]]"), "coef",
                "expected a list of 2 rows (one per vocab word), found 1 rows");
        assertProblem(TINY.replace("\"nice\"]", "\"bad\"]"), "vocab[1]", "expected distinct words");
        assertProblem(TINY.replace("\"binary\": false", "\"binary\": true"), "vectorizer.binary",
                "only false (counts) is supported");
        assertProblem(TINY.replace("\"ngram_range\": [1, 1]", "\"ngram_range\": [1, 2]"), "vectorizer.ngram_range",
                "only [1, 1] is supported");
        assertProblem(TINY.replace("method=sigmoid", "method=isotonic"), "model.type", "method=sigmoid");
        assertProblem(TINY.replace("\"b\": 0.5", "\"c\": 0.5"), "folds[1].b", "missing");
        assertProblem(TINY.replace("\"vocab\"", "\"words\""), "vocab", "missing");
        assertProblem("{\"vectorizer\": ", "vectorizer", "not valid JSON");

        FormatException absent = assertThrows(FormatException.class,
                () -> ProfanityModel.load(folder.resolve("absent.json")));
        assertTrue(absent.getMessage().contains("no such file"), absent.getMessage());
    }

    private void assertProblem(String json, String field, String problem) throws IOException {
        Path file = write(json);
        FormatException e = assertThrows(FormatException.class, () -> ProfanityModel.load(file), json);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(folder, "model", ".json");
        Files.writeString(file, json);
        return file;
    }
}
