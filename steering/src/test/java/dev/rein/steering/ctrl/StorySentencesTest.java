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
        StorySentences.read(40, 7, sentences::add);
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
}
