package dev.rein.steering.dph;

import dev.rein.data.stories.Politeness;
import dev.rein.data.stories.Sentiment;
import dev.rein.data.stories.StoryChecker;

/**
 * A known true reward for tales of the story grammar, which the story checker computes: +1 for a happy tale (its
 * ending, else most of its sentiment-worded sentences, is positive), +1 for a polite one (most of its
 * politeness-worded sentences are), plus the share of its sentences the grammar writes; from 0 to 3. What the
 * preference pairs of {@link StoryPreferences} prefer, so a head trained on them should rank tales by it.
 */
public final class TaleReward {
    private TaleReward() {
    }

    /** The reward of {@code tale} (the whole text: opening and continuation). */
    public static double of(String tale) {
        StoryChecker.Report report = StoryChecker.check(tale);
        double happy = report.sentiment().filter(s -> s == Sentiment.POSITIVE).isPresent() ? 1 : 0;
        double polite = report.politeness().filter(p -> p == Politeness.POLITE).isPresent() ? 1 : 0;
        return happy + polite + report.grammaticalFraction();
    }
}
