package dev.rein.data.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stories: reproducible from their seeds, and realising the attributes drawn for them. */
class StoryGeneratorTest {
    private static final long SEED = 20240601L;
    private static List<Story> corpus;

    @BeforeAll
    static void generate() {
        corpus = StoryGenerator.stories(SEED, 0, 2000);
    }

    @Test
    void aSeedGivesItsStoryOnAnyThreadAndInAnySplit() throws Exception {
        List<Story> sequential = LongStream.range(0, 300)
                .mapToObj(index -> StoryGenerator.story(StoryGenerator.storySeed(SEED, index))).toList();
        assertEquals(sequential, corpus.subList(0, 300));
        List<Story> split = new ArrayList<>(StoryGenerator.stories(SEED, 0, 120));
        split.addAll(StoryGenerator.stories(SEED, 120, 180));
        assertEquals(sequential, split);
        try (ForkJoinPool oneThread = new ForkJoinPool(1)) {
            assertEquals(sequential, oneThread.submit(() -> StoryGenerator.stories(SEED, 0, 300)).get());
        }
        assertNotEquals(corpus.subList(0, 300), StoryGenerator.stories(SEED + 1, 0, 300));
    }

    @Test
    void theFirstStoryOfASeedIsPinned() {
        Story story = StoryGenerator.story(42);
        assertEquals("There was once a big duck called Dan who lived next to a friendly squirrel called Tim. "
                + "Every morning, Dan ate a carrot for breakfast. He was very big and always wanted to skip. "
                + "Dan saw that Tim had an orange robot. Dan grabbed the robot and said, \"It is mine now!\" "
                + "\"Fine, take it,\" said Tim. Dan and Tim skipped together all morning. "
                + "They took turns with the robot. Dan and Tim shared a carrot under a big tree. "
                + "They were both glad. In the end, Dan went home cheerful and full of smiles.", story.text());
        assertEquals(new Story(story.text(), Sentiment.POSITIVE, Politeness.RUDE, 11, 95, 42), story);
    }

    @Test
    void aStoryIsTheStoryOfItsAttributes() {
        for (Story story : corpus.subList(0, 100)) {
            assertEquals(story, StoryGenerator.story(story.seed(), story.sentiment(), story.politeness(),
                    story.sentences()));
        }
    }

    @Test
    void lengthsAndWordCountsAreWhatTheTextHolds() {
        for (Story story : corpus) {
            assertEquals(story.sentences(), SentenceText.sentences(story.text()).size(), story.text());
            assertEquals(WordCount.of(story.text()), story.words());
            assertTrue(story.sentences() >= StoryGenerator.MIN_SENTENCES
                    && story.sentences() <= StoryGenerator.MAX_SENTENCES);
            assertFalse(story.text().contains("  ") || story.text().contains("\n"), story.text());
        }
        assertEquals(StoryGenerator.MAX_SENTENCES - StoryGenerator.MIN_SENTENCES + 1,
                corpus.stream().mapToInt(Story::sentences).distinct().count());
    }

    @Test
    void attributesAreDrawnHalfAndHalf() {
        Map<Sentiment, Integer> sentiments = new EnumMap<>(Sentiment.class);
        Map<Politeness, Integer> politeness = new EnumMap<>(Politeness.class);
        for (Story story : corpus) {
            sentiments.merge(story.sentiment(), 1, Integer::sum);
            politeness.merge(story.politeness(), 1, Integer::sum);
        }
        for (int count : sentiments.values()) assertTrue(count > 900 && count < 1100, sentiments.toString());
        for (int count : politeness.values()) assertTrue(count > 900 && count < 1100, politeness.toString());
    }

    @Test
    void everySentenceExpressesTheStorysSentimentAndPoliteness() {
        for (Story story : corpus) {
            List<StoryChecker.Sentence> sentences = StoryChecker.check(story.text()).sentences();
            assertEquals(Beat.ENDING, sentences.getLast().kind().beat(), story.text());
            assertEquals(1, sentences.stream().filter(s -> s.kind().beat() == Beat.REQUEST).count(), story.text());
            for (StoryChecker.Sentence sentence : sentences) {
                SentenceKind kind = sentence.kind();
                if (kind.beat().bySentiment()) assertEquals(story.sentiment(), kind.sentiment(), sentence.text());
                if (kind.beat().byPoliteness()) assertEquals(story.politeness(), kind.politeness(), sentence.text());
            }
        }
    }

    @Test
    void politeStoriesSayPleaseAndRudeOnesNeverDo() {
        for (Story story : corpus) {
            String text = story.text().toLowerCase(Locale.ROOT);
            boolean polite = text.contains("please") || text.contains("thank you");
            assertEquals(story.politeness() == Politeness.POLITE, polite, story.text());
        }
    }

    @Test
    void theHeroOfTheOpeningComesBackByName() {
        for (Story story : corpus) {
            List<String> sentences = SentenceText.sentences(story.text());
            String hero = SentenceText.tokens(sentences.getFirst()).stream()
                    .filter(Lexicon.NAMES::contains).findFirst().orElseThrow();
            assertTrue(sentences.subList(1, sentences.size()).stream().anyMatch(s -> s.contains(hero)), story.text());
        }
    }

    @Test
    void chosenAttributesAreRealisedUpToTheLongestStory() {
        Story longest = StoryGenerator.story(5, Sentiment.NEGATIVE, Politeness.RUDE, StoryGenerator.LONGEST);
        assertEquals(StoryGenerator.LONGEST, SentenceText.sentences(longest.text()).size());
        StoryChecker.Report report = StoryChecker.check(longest.text());
        assertTrue(report.isTale());
        assertEquals(SentenceKind.of(Beat.ENDING, Sentiment.NEGATIVE, null), report.sentences().getLast().kind());
        assertThrows(IllegalArgumentException.class,
                () -> StoryGenerator.story(5, Sentiment.NEGATIVE, Politeness.RUDE, StoryGenerator.LONGEST + 1));
        assertThrows(IllegalArgumentException.class,
                () -> StoryGenerator.story(5, Sentiment.NEGATIVE, Politeness.RUDE, 2));
    }
}
