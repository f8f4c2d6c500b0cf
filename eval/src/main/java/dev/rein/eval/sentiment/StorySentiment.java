package dev.rein.eval.sentiment;

import dev.rein.data.stories.Sentiment;
import dev.rein.data.stories.StoryChecker;
import dev.rein.eval.TextScorer;

/**
 * The sentiment of a tale of Rein's story grammar, as {@link StoryChecker} reads it, as a number: +1 for a happy
 * tale, −1 for a sad one, 0 when it shows neither. The checker takes the sentiment of the ending sentence, or of
 * most sentiment-worded sentences when there is no ending, and leaves out a last sentence cut off by a token limit.
 * A reward that needs no lexicon or learned model, for texts the embedded default model writes (RE-Control's demo).
 */
public final class StorySentiment implements TextScorer {
    @Override
    public double score(String text) {
        return StoryChecker.checkIgnoringTruncatedEnd(text).sentiment()
                .map(sentiment -> sentiment == Sentiment.POSITIVE ? 1.0 : -1.0)
                .orElse(0.0);
    }
}
