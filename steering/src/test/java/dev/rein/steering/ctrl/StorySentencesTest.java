package dev.rein.steering.ctrl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.data.stories.Politeness;
import dev.rein.data.stories.Sentiment;
import dev.rein.data.stories.Story;
import dev.rein.data.stories.StoryGenerator;
import dev.rein.eval.sentiment.StorySentiment;
import dev.rein.eval.toxicity.StoryRudeness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorySentencesTest {
    @Test
    void taleSentencesAreLabelledByHowTheGrammarWordsThem() {
        List<SourceSentence> sentences = new ArrayList<>();
        assertEquals(40, StorySentences.read(40, 7, StoryUnit.SENTENCE, sentences::add));
        List<Story> stories = StoryGenerator.stories(7, 0, 40);
        assertEquals(stories.stream().mapToInt(Story::sentences).sum(), sentences.size());
        assertEquals("story 0 sentence 1", sentences.getFirst().where());
        assertTrue(stories.getFirst().text().startsWith(sentences.getFirst().text()));

        List<LabelledSentence> labelled = new SentenceLabeller(ToxicityScores.scoredBy(new StoryRudeness()), 0.5,
                new StorySentiment(), SentimentTies.NEU).label(sentences);
        int next = 0;
        for (Story story : stories) {
            List<LabelledSentence> tale = labelled.subList(next, next + story.sentences());
            next += story.sentences();
            boolean anyToxic = tale.stream().anyMatch(row -> row.toxicity() == ControlToken.TOXIC);
            assertEquals(story.politeness() == Politeness.RUDE, anyToxic, story.text());
            ControlToken ending = story.sentiment() == Sentiment.POSITIVE ? ControlToken.POS : ControlToken.NEG;
            assertEquals(ending, tale.getLast().sentiment(), story.text());
            assertEquals(ControlToken.NEU, tale.getFirst().sentiment(), "an opening has no sentiment: " + story.text());
        }
    }

    /** The stand-in: a tale is rude when written rude, and has the sentiment of its ending. */
    @Test
    void talesAreLabelledByTheirPolitenessAndEndingAsTheCheckerReadsThem() {
        List<SourceSentence> tales = new ArrayList<>();
        assertEquals(300, StorySentences.read(300, 7, StoryUnit.TALE, tales::add), "the checker reads every tale");
        List<Story> stories = StoryGenerator.stories(7, 0, 300);
        assertEquals(stories.stream().map(Story::text).toList(), tales.stream().map(SourceSentence::text).toList());
        assertEquals("story 1", tales.get(1).where());

        List<LabelledSentence> labelled = new SentenceLabeller(ToxicityScores.scoredBy(new StoryRudeness()), 0.5,
                new StorySentiment(), SentimentTies.NEG).label(tales);
        for (int i = 0; i < stories.size(); i++) {
            Story story = stories.get(i);
            assertEquals(story.politeness() == Politeness.RUDE ? ControlToken.TOXIC : ControlToken.NONTOXIC,
                    labelled.get(i).toxicity(), story.text());
            assertEquals(story.sentiment() == Sentiment.POSITIVE ? ControlToken.POS : ControlToken.NEG,
                    labelled.get(i).sentiment(), story.text());
            String opening = StoryUnit.TALE.prompt(story.text());
            assertTrue(story.text().startsWith(opening + " "), story.text());
        }
        assertEquals("Tom had a red ball.", StoryUnit.SENTENCE.prompt("Tom had a red ball."));
    }
}
