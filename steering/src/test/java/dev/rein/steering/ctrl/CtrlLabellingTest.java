package dev.rein.steering.ctrl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.eval.TextScorer;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CtrlLabellingTest {
    /** +1 with "good", −1 with "bad", 0 (a tie) otherwise: the sign is the sentiment, as VADER's pos − neg. */
    private static final TextScorer SENTIMENT = text -> text.contains("good") ? 1 : text.contains("bad") ? -1 : 0;

    private static SourceSentence sentence(String text, double score) {
        return new SourceSentence(text, OptionalDouble.of(score), "test");
    }

    @Test
    void atMostTheThresholdIsNontoxicAndTiesGoWhereAsked() {
        List<SourceSentence> sentences = List.of(sentence("a good day", 0.001), sentence("a bad day", 0.0011),
                sentence("a day", 0));
        List<LabelledSentence> seed = new SentenceLabeller(ToxicityScores.given(), 0.001, SENTIMENT,
                SentimentTies.NEG).label(sentences);
        assertEquals(List.of(ControlToken.NONTOXIC, ControlToken.TOXIC, ControlToken.NONTOXIC),
                seed.stream().map(LabelledSentence::toxicity).toList());
        assertEquals(List.of(ControlToken.POS, ControlToken.NEG, ControlToken.NEG),
                seed.stream().map(LabelledSentence::sentiment).toList());
        assertEquals(new LabelledSentence.Scores(0.0011, -1), seed.get(1).scores().orElseThrow());
        assertEquals(ControlToken.NEU, new SentenceLabeller(ToxicityScores.given(), 0.001, SENTIMENT,
                SentimentTies.NEU).label(sentences).get(2).sentiment());
        assertEquals(ControlToken.TOXIC, new SentenceLabeller(ToxicityScores.scoredBy(text -> 0.7), 0.5, SENTIMENT,
                SentimentTies.NEG).label(sentences).get(2).toxicity(), "a scorer's scores, with its threshold");
    }

    /** 2000 sentences of 12 words spread over the four pairs, 100 long ones, 100 short ones. */
    private static CtrlLabelling labelled(long seed) {
        CtrlLabelling labelling = new CtrlLabelling(new SentenceLabeller(ToxicityScores.given(), 0.001, SENTIMENT,
                SentimentTies.NEG), new LabellingSettings(10, 0.05, 40, 17, 0.01, seed));
        for (int i = 0; i < 2200; i++) {
            String mood = i % 2 == 0 ? "good" : "bad";
            String text = i < 2000 ? "sentence " + i + " is a " + mood + " one with twelve words in it"
                    : i < 2100 ? "sentence " + i + " is a " + mood + " one with many many many more words than "
                    + "seventeen in it" : "short " + i;
            labelling.add(sentence(text, i % 4 < 2 ? 0 : 0.5));
        }
        return labelling;
    }

    @Test
    void splitsStripsAndBalancesTheValidationSetBySeed() {
        CtrlLabelling.Result result = labelled(3).finish();
        assertEquals(2200, result.read());
        assertEquals(2100, result.kept(), "sentences under 10 words are dropped");
        assertEquals(105, result.validationSplit(), "5% of the kept sentences");
        assertEquals(2100 - 105, result.train().size());
        assertEquals(Math.round(0.01 * result.train().size()), result.train().stream()
                .filter(row -> row.controls() == LabelledSentence.Controls.STRIPPED).count());
        assertEquals(40, result.validation().size());
        Set<String> train = new HashSet<>(result.train().stream().map(LabelledSentence::text).toList());
        for (int p = 0; p < 4; p++) {
            List<LabelledSentence> pair = result.validation().subList(10 * p, 10 * p + 10);
            ControlToken toxicity = p < 2 ? ControlToken.NONTOXIC : ControlToken.TOXIC;
            ControlToken sentiment = p % 2 == 0 ? ControlToken.POS : ControlToken.NEG;
            for (LabelledSentence row : pair) {
                assertEquals(toxicity, row.toxicity(), row.text());
                assertEquals(sentiment, row.sentiment(), row.text());
                assertTrue(CtrlLabelling.words(row.text()) < 17, row.text());
                assertTrue(!train.contains(row.text()), "validation rows are not trained on: " + row.text());
            }
        }
        assertEquals(result, labelled(3).finish(), "the same seed gives the same rows");
        assertNotEquals(result.validation(), labelled(4).finish().validation());
    }

    @Test
    void aPairWithTooFewValidationSentencesIsRefused() {
        CtrlLabelling labelling = new CtrlLabelling(new SentenceLabeller(ToxicityScores.given(), 0.001, SENTIMENT,
                SentimentTies.NEG), new LabellingSettings(1, 0.5, 8, 17, 0, 1));
        for (int i = 0; i < 40; i++) labelling.add(sentence("a good sentence " + i, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, labelling::finish);
        assertTrue(e.getMessage().contains("has 0 nontoxic-neg sentences of fewer than 17 words, but a validation "
                + "set of 8 needs 2 of each pair"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LabellingSettings(10, 0.01, 10, 17, 0.01, 0),
                "the validation size is a multiple of 4");
    }

    @Test
    void wordsAreRunsOfNonWhitespace() {
        assertEquals(3, CtrlLabelling.words("  one\ttwo  three "));
        assertEquals(0, CtrlLabelling.words(" "));
    }
}
