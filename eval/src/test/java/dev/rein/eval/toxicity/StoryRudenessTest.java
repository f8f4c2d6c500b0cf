package dev.rein.eval.toxicity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rein.data.stories.Politeness;
import dev.rein.data.stories.Sentiment;
import dev.rein.data.stories.StoryGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoryRudenessTest {
    @Test
    void rudeTalesScoreOnePoliteTalesAndOtherTextZero() {
        String rude = StoryGenerator.story(4, Sentiment.NEGATIVE, Politeness.RUDE, 6).text();
        String polite = StoryGenerator.story(3, Sentiment.POSITIVE, Politeness.POLITE, 6).text();
        String opening = StoryGenerator.story(4, Sentiment.NEGATIVE, Politeness.RUDE, 6).text().split("(?<=\\.) ")[0];
        assertArrayEquals(new double[] {1, 0, 0, 0, 0},
                new StoryRudeness().scoreAll(List.of(rude, polite, opening, "You silly, silly cat!", "")));
    }
}
