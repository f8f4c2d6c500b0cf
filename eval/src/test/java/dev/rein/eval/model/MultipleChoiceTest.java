package dev.rein.eval.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.eval.MetricReport;
import dev.rein.eval.RowError;
import dev.rein.eval.model.MultipleChoice.Answer;
import dev.rein.eval.model.MultipleChoice.Question;
import dev.rein.eval.model.MultipleChoice.Scoring;
import dev.rein.models.LanguageModel;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MultipleChoiceTest {
    static LanguageModel model;
    static Tokenizer tokenizer;

    @BeforeAll
    static void load() {
        model = Stories260K.load();
        tokenizer = model.tokenizer();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** The summed log-probability of ids[from..] given the ids before, from one plain forward pass. */
    private static double logProbFrom(int[] ids, int from) {
        Tensor logProbs = model.transformer().forward(TokenBatch.of(ids)).value().logSoftmax(-1);   // [1, T, V]
        double sum = 0;
        for (int t = from; t < ids.length; t++) sum += logProbs.getFloat(0, t - 1, ids[t]);
        return sum;
    }

    @Test
    void choicesAreScoredByTheLogProbabilitiesOfTheirTokensAfterTheContext() {
        String context = "Once upon a time, there was a little";
        List<String> choices = List.of(" girl named Lily.", " the the the", " dog.");
        Question question = new Question(context, choices, 0);
        Question second = new Question("The sun was", List.of(" shining.", " banana"), 0);
        MultipleChoice.Result result = new MultipleChoice(ScoringModel.of(model).withBatchSize(2))
                .answer(List.of(question, second), Scoring.MEAN);

        int contextTokens = tokenizer.encode(context).length;
        Answer answer = result.answers().get(0);
        for (int c = 0; c < choices.size(); c++) {
            int[] full = tokenizer.encode(context + choices.get(c));
            double expected = logProbFrom(full, contextTokens);
            assertEquals(full.length - contextTokens, answer.answerTokens()[c]);
            assertEquals(expected, answer.logProbSums()[c], 1e-4, "choice " + c);
            assertEquals(expected / answer.answerTokens()[c], answer.score(c, Scoring.MEAN), 1e-4);
        }
        assertArrayEquals(new int[] {0, 0}, result.predictions());
        assertEquals(1.0, result.accuracy());
        MetricReport report = result.report("stories260K");
        assertEquals(1.0, report.value("accuracy"));
        assertEquals(2.5, report.value("mean_choices"));
        assertEquals("mean", report.settings().get("scoring"));
    }

    @Test
    void tokensMergingContextAndChoiceCountAsAnswerTokens() {
        // "ti" + "me": the context's last tokens become the token of "time" in context + choice
        int[] context = tokenizer.encode("Once upon a ti");
        int[] full = tokenizer.encode("Once upon a time");
        int shared = Arrays.mismatch(context, full);
        assertEquals(full.length - 1, shared);
        assertTrue(shared < context.length);
        Answer answer = new MultipleChoice(ScoringModel.of(model))
                .answer(List.of(new Question("Once upon a ti", List.of("me"), 0)), Scoring.SUM).answers().get(0);
        assertEquals(1, answer.answerTokens()[0]);
        assertEquals(logProbFrom(full, shared), answer.logProbSums()[0], 1e-4);
    }

    @Test
    void meanScoringFavoursLikelyTokensAndSumScoringFewerTokens() {
        Answer answer = new Answer(new double[] {-2, -3}, new int[] {1, 3});
        assertEquals(1, answer.prediction(Scoring.MEAN));                     // -1 per token beats -2
        assertEquals(0, answer.prediction(Scoring.SUM));                      // -2 in all beats -3
        assertEquals(0, new Answer(new double[] {-1, -1}, new int[] {1, 1}).prediction(Scoring.MEAN));  // first of ties
    }

    @Test
    void refusesBadLabelsAndChoicesWithoutTokens() {
        assertThrows(IllegalArgumentException.class, () -> new Question("a", List.of("b"), 1));
        assertThrows(IllegalArgumentException.class, () -> new Question("a", List.of(), 0));
        MultipleChoice choice = new MultipleChoice(ScoringModel.of(model));
        RowError empty = assertThrows(RowError.class, () -> choice.answer(List.of(
                new Question("The dog", List.of(" ran"), 0), new Question("The dog", List.of(" ran", ""), 1)),
                Scoring.MEAN));
        assertEquals(1, empty.row());
    }
}
