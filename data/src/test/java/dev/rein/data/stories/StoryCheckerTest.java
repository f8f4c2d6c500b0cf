package dev.rein.data.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The checker: every generated story is a tale; scrambled and random text is not. */
class StoryCheckerTest {
    private static List<Story> corpus;

    @BeforeAll
    static void generate() {
        corpus = StoryGenerator.stories(11, 0, 2000);
    }

    @Test
    void everyGeneratedStoryIsATale() {
        for (Story story : corpus) {
            StoryChecker.Report report = StoryChecker.check(story.text());
            assertTrue(report.isTale(), story.text());
            assertEquals(story.sentences(), report.grammatical());
            assertEquals(1.0, report.grammaticalFraction());
            assertEquals(Optional.empty(), report.truncated());
        }
    }

    @Test
    void theSentimentReadFromATaleIsTheOneItWasGeneratedWith() {
        for (Story story : corpus) {
            assertEquals(Optional.of(story.sentiment()), StoryChecker.check(story.text()).sentiment());
        }
    }

    @Test
    void thePolitenessReadFromATaleThatTalksIsTheOneItWasGeneratedWith() {
        int talking = 0;
        for (Story story : corpus) {
            Optional<Politeness> read = StoryChecker.check(story.text()).politeness();
            if (read.isPresent()) {
                assertEquals(story.politeness(), read.get(), story.text());
                talking++;
            }
        }
        assertTrue(talking > corpus.size() / 2, talking + " of " + corpus.size() + " tales talk");
    }

    @Test
    void withoutAnEndingTheMajorityOfSentimentWordedSentencesDecides() {
        Story story = StoryGenerator.story(5, Sentiment.NEGATIVE, Politeness.POLITE, 8);
        List<String> sentences = SentenceText.sentences(story.text());
        String withoutEnding = String.join(" ", sentences.subList(0, sentences.size() - 1));
        assertEquals(Optional.of(Sentiment.NEGATIVE), StoryChecker.check(withoutEnding).sentiment());
        assertEquals(Optional.empty(), StoryChecker.check("Nobody said anything").sentiment());
    }

    @Test
    void theStoryInTheGeneratorsDocumentationIsATale() {
        String story = "Once upon a time, there was a brave dog named Max. One sunny day, Max went to the park. "
                + "At the park, Max met a shy cat named Lily. Lily had a red ball. \"Please, can I play with your "
                + "red ball?\" asked Max. \"Yes, of course you can,\" said Lily. They played with the ball all "
                + "morning. From that day on, Max and Lily were best friends.";
        assertTrue(StoryChecker.check(story).isTale());
    }

    @Test
    void storiesWithShuffledWordsAreNotRecognised() {
        Random random = new Random(1);
        int sentences = 0;
        int grammatical = 0;
        for (Story story : corpus.subList(0, 300)) {
            List<String> shuffled = new ArrayList<>();
            for (String sentence : SentenceText.sentences(story.text())) {
                List<String> tokens = new ArrayList<>(SentenceText.tokens(sentence));
                List<String> words = tokens.subList(0, tokens.size() - 1); // keep the final mark
                Collections.shuffle(words, random);
                shuffled.add(SentenceText.join(tokens));
            }
            StoryChecker.Report report = StoryChecker.check(String.join(" ", shuffled));
            assertFalse(report.isTale(), report.toString());
            sentences += report.sentences().size();
            grammatical += report.grammatical();
        }
        assertTrue(grammatical < sentences / 20, grammatical + " of " + sentences + " shuffled sentences recognised");
    }

    @Test
    void randomStringsOfTheVocabularyAreNotRecognised() {
        List<String> words = List.copyOf(StoryGrammar.words());
        Random random = new Random(2);
        for (int i = 0; i < 500; i++) {
            List<String> tokens = new ArrayList<>();
            int length = 4 + random.nextInt(12);
            for (int k = 0; k < length; k++) tokens.add(Lexicon.pick(random, words));
            tokens.set(0, Character.toUpperCase(tokens.getFirst().charAt(0)) + tokens.getFirst().substring(1));
            tokens.add(".");
            StoryChecker.Report report = StoryChecker.check(SentenceText.join(tokens));
            assertEquals(0, report.grammatical(), report.toString());
        }
    }

    @Test
    void sentencesAreRecognisedExactly() {
        assertEquals(SentenceKind.of(Beat.OPENING, null, null),
                kindOf("Once upon a time, there was an old owl named Max."));
        assertEquals(SentenceKind.of(Beat.REQUEST, null, Politeness.RUDE),
                kindOf("\"Give me that kite, you silly cat!\" shouted Mia."));
        assertEquals(SentenceKind.of(Beat.ENDING, Sentiment.POSITIVE, null), kindOf("It was the best day ever."));
        assertNull(kindOf("Once upon a time, there was a old owl named Max."), "article");
        assertNull(kindOf("Once upon a time, there was an old owl named max."), "lower-case name");
        assertNull(kindOf("Once upon a time,there was an old owl named Max."), "spacing");
        assertNull(kindOf("Once upon a time, there was an old owl named Max!"), "final mark");
        assertNull(kindOf("It was the best day ever"), "no final mark");
    }

    @Test
    void aTaleStartsWithAnOpeningAndEndsWithAnEnding() {
        String opening = "Once upon a time, there was a shy cat named Lily.";
        String request = "Lily said, \"Give me your ball now!\"";
        String ending = "It was the worst day ever.";
        assertTrue(StoryChecker.check(String.join(" ", opening, request, ending)).isTale());
        assertFalse(StoryChecker.check(String.join(" ", request, opening, ending)).isTale());
        StoryChecker.Report noEnding = StoryChecker.check(String.join(" ", opening, request));
        assertFalse(noEnding.isTale());
        assertEquals(1.0, noEnding.grammaticalFraction());
        StoryChecker.Report empty = StoryChecker.check("");
        assertFalse(empty.isTale());
        assertEquals(0.0, empty.grammaticalFraction());
    }

    @Test
    void aCutOffLastSentenceIsLeftOutWhenAsked() {
        Story story = corpus.getFirst();
        List<String> sentences = SentenceText.sentences(story.text());
        String complete = String.join(" ", sentences.subList(0, sentences.size() - 1));
        String last = sentences.getLast();
        for (int cut = 1; cut < last.length(); cut++) {
            String cutOff = last.substring(0, cut).strip();
            StoryChecker.Report report = StoryChecker.checkIgnoringTruncatedEnd(complete + " " + cutOff);
            assertEquals(Optional.of(cutOff), report.truncated(), cutOff);
            assertEquals(1.0, report.grammaticalFraction());
            assertFalse(report.isTale(), "a tale cut before its ending is not whole");

            StoryChecker.Report counted = StoryChecker.check(complete + " " + cutOff);
            assertEquals(sentences.size(), counted.sentences().size());
            assertEquals(sentences.size() - 1, counted.grammatical());
        }
    }

    @Test
    void onlyTheStartOfAGrammaticalSentenceCountsAsCutOff() {
        String opening = "Once upon a time, there was a shy cat named Lily.";
        StoryChecker.Report garbage = StoryChecker.checkIgnoringTruncatedEnd(opening + " Lily cat the");
        assertEquals(Optional.empty(), garbage.truncated());
        assertEquals(1, garbage.grammatical());
        assertEquals(2, garbage.sentences().size());

        String ending = "From that day on, Lily and Tom were best friends.";
        StoryChecker.Report nextTaleBegun =
                StoryChecker.checkIgnoringTruncatedEnd(opening + " " + ending + " Once upon a");
        assertEquals(Optional.of("Once upon a"), nextTaleBegun.truncated());
        assertTrue(nextTaleBegun.isTale());
    }

    private static SentenceKind kindOf(String sentence) {
        StoryChecker.Report report = StoryChecker.check(sentence);
        assertEquals(1, report.sentences().size(), sentence);
        return report.sentences().getFirst().kind();
    }
}
