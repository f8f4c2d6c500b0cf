package dev.rein.steering.cogsteer;

import dev.rein.data.stories.Politeness;
import dev.rein.data.stories.Sentiment;
import dev.rein.data.stories.StoryGenerator;
import java.util.ArrayList;
import java.util.List;

/** Tales of the story grammar for CogSteer's effect tests: seeds {@code from..}, endings alternating, 5–10 sentences. */
final class GrammarTales {
    private GrammarTales() {
    }

    /** {@code count} tales of {@code politeness} with seeds from {@code from}. */
    static List<String> of(long from, int count, Politeness politeness) {
        List<String> tales = new ArrayList<>();
        for (long seed = from; seed < from + count; seed++) {
            tales.add(StoryGenerator.story(seed, Sentiment.values()[(int) (seed % 2)], politeness,
                    5 + (int) (seed % 6)).text());
        }
        return tales;
    }
}
