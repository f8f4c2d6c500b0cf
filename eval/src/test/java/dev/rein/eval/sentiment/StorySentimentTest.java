package dev.rein.eval.sentiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rein.data.stories.Politeness;
import dev.rein.data.stories.Sentiment;
import dev.rein.data.stories.StoryGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorySentimentTest {
    private static final StorySentiment SCORER = new StorySentiment();

    @Test
    void happyTalesScoreOneSadTalesMinusOneAndOthersZero() {
        String happy = StoryGenerator.story(3, Sentiment.POSITIVE, Politeness.POLITE, 6).text();
        String sad = StoryGenerator.story(4, Sentiment.NEGATIVE, Politeness.RUDE, 6).text();
        assertArrayEquals(new double[] {1, -1, 0, 0},
                SCORER.scoreAll(List.of(happy, sad, "The cat sat on a hat.", "")));
    }

    @Test
    void aSadEndingOutweighsHappySentencesBeforeIt() {
        assertArrayEquals(new double[] {-1}, SCORER.scoreAll(List.of(
                "They were both cheerful. They were both cheerful. It was the worst day ever.")));
    }
}
