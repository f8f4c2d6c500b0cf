package dev.rein.eval.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example sentences of vaderSentiment's README ("Output for the above example code") and of its demo's tricky
 * sentences, with the scores VADER gives them: negation, punctuation emphasis, boosters, capitals, "kind of", "but",
 * slang, emoticons, emoji, special phrases and "least".
 */
class VaderReadmeExamplesTest {
    private static Vader vader;

    @BeforeAll
    static void load() throws IOException {
        vader = Vader.load(SharedData.path("data/vader"));
    }

    private static void assertScores(String text, double neg, double neu, double pos, double compound) {
        assertEquals(new SentimentScores(neg, neu, pos, compound), vader.scores(text), text);
    }

    @Test
    void readmeExamplesScoreAsDocumented() {
        assertScores("VADER is smart, handsome, and funny.", 0.0, 0.254, 0.746, 0.8316);
        assertScores("VADER is smart, handsome, and funny!", 0.0, 0.248, 0.752, 0.8439);
        assertScores("VADER is very smart, handsome, and funny.", 0.0, 0.299, 0.701, 0.8545);
        assertScores("VADER is VERY SMART, handsome, and FUNNY.", 0.0, 0.246, 0.754, 0.9227);
        assertScores("VADER is VERY SMART, handsome, and FUNNY!!!", 0.0, 0.233, 0.767, 0.9342);
        assertScores("VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.0, 0.294, 0.706, 0.9469);
        assertScores("VADER is not smart, handsome, nor funny.", 0.646, 0.354, 0.0, -0.7424);
        assertScores("The book was good.", 0.0, 0.508, 0.492, 0.4404);
        assertScores("The book was only kind of good.", 0.0, 0.697, 0.303, 0.3832);
        assertScores("The plot was good, but the characters are uncompelling and the dialog is not great.",
                0.327, 0.579, 0.094, -0.7042);
        assertScores("Today SUX!", 0.779, 0.221, 0.0, -0.5461);
        assertScores("Today only kinda sux! But I'll get by, lol", 0.127, 0.556, 0.317, 0.5249);
        assertScores("Make sure you :) or :D today!", 0.0, 0.294, 0.706, 0.8633);
        assertScores("Not bad at all", 0.0, 0.513, 0.487, 0.431);
    }

    @Test
    void readmeExamplesPrintedBeforeLaterFixesScoreAs332Computes() {
        // The README prints pos 0.363, neu 0.637 (compound 0.431 as here). Its output dates from April 2018, when
        // one-character tokens such as "a" were dropped; since September 2018 (commit 55fcc4c) "a" counts as a
        // neutral word: 6 neutral words instead of 5, so pos = 2.85 / 8.85 (the negated "horrible", 1.85, plus 1).
        assertScores("At least it isn't a horrible book.", 0.0, 0.678, 0.322, 0.431);
        // The README prints compound 0.7003, pos 0.279, neu 0.721, also from April 2018: "heart" (3.2) joined the
        // lexicon in May 2020 (commit 0b8040f, part of 3.3.2), so 💘 ("heart with arrow") now counts beside
        // 💋 ("kiss mark", 1.8) and 😁 (... "smiling eyes", 2.0): sum 7.0, compound 7 / sqrt(49 + 15) = 0.875.
        assertScores("Catch utf-8 emoji such as 💘 and 💋 and 😁", 0.0, 0.583, 0.417, 0.875);
    }

    @Test
    void demoTrickySentencesScoreAs332Computes() {
        // the tricky_sentences of vaderSentiment.py's demo; the scores are what 3.3.2's code prints for them
        assertScores("Sentiment analysis has never been good.", 0.325, 0.675, 0.0, -0.3412);
        assertScores("Sentiment analysis has never been this good!", 0.0, 0.621, 0.379, 0.5672);
        assertScores("Most automated sentiment analysis tools are shit.", 0.375, 0.625, 0.0, -0.5574);
        assertScores("With VADER, sentiment analysis is the shit!", 0.0, 0.583, 0.417, 0.6476);
        assertScores("Other sentiment analysis tools can be quite bad.", 0.351, 0.649, 0.0, -0.5849);
        assertScores("On the other hand, VADER is quite bad ass", 0.0, 0.423, 0.577, 0.802);
        assertScores("VADER is such a badass!", 0.0, 0.598, 0.402, 0.4003);
        assertScores("Without a doubt, excellent idea.", 0.0, 0.341, 0.659, 0.7013);
        assertScores("Roger Dodger is one of the most compelling variations on this theme.", 0.0, 0.834, 0.166, 0.2944);
        assertScores("Roger Dodger is at least compelling as a variation on the theme.", 0.0, 0.853, 0.147, 0.2263);
        assertScores("Roger Dodger is one of the least compelling variations on this theme.", 0.132, 0.868, 0.0,
                -0.1695);
        assertScores("Not such a badass after all.", 0.289, 0.711, 0.0, -0.2584);
        assertScores("Without a doubt, an excellent idea.", 0.0, 0.408, 0.592, 0.7013);
    }
}
