package dev.rein.eval.length;

import dev.rein.data.stories.WordCount;
import dev.rein.eval.TextScorer;

/**
 * A reward for hitting a length: minus the distance of a text's word count ({@code \w+} runs, {@link WordCount})
 * from the target, −|words − target| for an exact target (0 is best). It gives RE-Control, or any method trained on
 * a scalar reward, a property that needs no learned scorer and that a test can check by counting.
 */
public record LengthReward(LengthTarget target) implements TextScorer {

    @Override
    public double score(String text) {
        return -target.distance(WordCount.of(text));
    }
}
