package dev.rein.eval.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.eval.TextScorer;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Single rules and the Python code's quirks, each against the scores vaderSentiment 3.3.2 gives (computed once with
 * its {@code polarity_scores}; the arithmetic is in the comments where it explains the rule).
 */
class VaderRulesTest {
    private static Vader vader;

    @BeforeAll
    static void load() throws IOException {
        vader = Vader.load(SharedData.path("data/vader"));
    }

    private static void assertScores(String text, double neg, double neu, double pos, double compound) {
        assertEquals(new SentimentScores(neg, neu, pos, compound), vader.scores(text), text);
    }

    @Test
    void butFindsEachValenceByValueAsPythonsListIndexDoes() {
        // love 3.2 is halved to 1.6; alive (1.6) is then found at love's position and halved again: 0.8 + 1.6,
        // not 1.6 + 2.4 (which would give 0.7184)
        assertScores("I love it but I am alive.", 0.0, 0.532, 0.468, 0.5267);
        // only the first "but" divides the sentence
        assertScores("I love it but I am alive, but happy.", 0.0, 0.388, 0.612, 0.8573);
    }

    @Test
    void soOrThisRightBeforeAWordIntensifiesItWithoutNever() {
        // good 1.9 + "so" 0.293, then times 1.25 because the word before is "so" ("never" or not): 2.741
        assertScores("this is so good", 0.0, 0.445, 0.555, 0.5777);
        assertScores("this is good", 0.0, 0.408, 0.592, 0.4404);
    }

    @Test
    void shortWordsKeepTheirPunctuation() {
        // "ok." stripped would be "ok", 2 characters, so the token stays "ok." and is not found in the lexicon
        assertScores("It is ok.", 0.0, 1.0, 0.0, 0.0);
        assertScores("It is ok", 0.0, 0.476, 0.524, 0.296);
    }

    @Test
    void noNegatesTheNextLexiconWordAndCapitalsPushEvenAZeroValence() {
        // "NO" before "good" weighs 0, minus the capitals step 0.733; good is negated: 1.9 * -0.74
        assertScores("NO good", 1.0, 0.0, 0.0, -0.4835);
        assertScores("no no good", 0.454, 0.189, 0.357, -0.1326);
    }

    @Test
    void specialPhrasesReplaceTheValenceOfTheirLexiconWord() {
        assertScores("it is not the bomb", 0.0, 0.5, 0.5, 0.6124);
        assertScores("yeah right, great", 0.0, 0.137, 0.863, 0.743);
        assertScores("a kiss of death", 0.342, 0.274, 0.384, 0.0772);
        assertScores("kind of GOOD news", 0.0, 0.452, 0.548, 0.5622);
    }

    @Test
    void questionMarksAndExclamationsAddEmphasis() {
        assertScores("I'm not sure this is good?", 0.221, 0.451, 0.327, 0.2354);
        assertScores("Is it good????", 0.0, 0.341, 0.659, 0.594);
        assertScores("It is good!!!!!!", 0.0, 0.33, 0.67, 0.6209);
        assertScores("good, bad, and ugly", 0.636, 0.093, 0.271, -0.5994);
    }

    @Test
    void emojiAreDescribedOneCodePointAtATime() {
        // "a💘b" reads "a heart with arrowb": a space before the description, none after it
        assertScores("a💘b", 0.0, 0.417, 0.583, 0.6369);
        assertScores("💘!", 0.0, 0.308, 0.692, 0.6696);
        assertScores("hearts 💕", 0.0, 0.104, 0.896, 0.8625);
        // a flag is two code points, neither of which is listed alone
        assertScores("🇫🇷 is nice", 0.0, 0.417, 0.583, 0.4215);
    }

    @Test
    void pythonWhitespaceSeparatesWordsAndFullWidthLettersAreNotWords() {
        assertScores("Good  \u00a0 news\u3000everyone", 0.0, 0.408, 0.592, 0.4404);
        assertScores("ＧＯＯＤ news", 0.0, 1.0, 0.0, 0.0);
    }

    @Test
    void aTextWithoutWordsScoresZeroEverywhere() {
        assertScores("", 0.0, 0.0, 0.0, 0.0);
        assertScores(" \t\n", 0.0, 0.0, 0.0, 0.0);
    }

    @Test
    void scorersGiveTheCompoundAndThePolarityMargin() {
        TextScorer compound = vader.compound();
        TextScorer margin = vader.polarityMargin();
        List<String> texts = List.of("The book was good.", "VADER is not smart, handsome, nor funny.");
        assertEquals(0.4404, compound.score(texts.get(0)));
        assertEquals(0.492, margin.score(texts.get(0)), 1e-15);
        assertEquals(-0.646, margin.scoreAll(texts)[1], 1e-15);
    }
}
