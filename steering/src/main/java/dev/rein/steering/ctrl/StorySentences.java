package dev.rein.steering.ctrl;

import dev.rein.data.stories.Story;
import dev.rein.data.stories.StoryChecker;
import dev.rein.data.stories.StoryGenerator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * The sentences of the first tales of a story corpus ({@link StoryGenerator#stories}: the tales {@code rein corpus
 * stories} writes for the same seed), the stand-in for the seed's Pile sentences on the embedded default model. The
 * sentences are the grammar's ({@link StoryChecker}'s split) and are not cleaned: the seed's regex would strip the
 * commas and quotes that the grammar, and so the {@code stories} scorers, need.
 */
public final class StorySentences {
    private static final int CHUNK = 8192;

    private StorySentences() {
    }

    /**
     * Hands each sentence of tales 0 to {@code count - 1} of the corpus of {@code seed} to {@code sentences}, tale
     * by tale, without scores.
     *
     * @throws IllegalArgumentException when {@code count} is below 1
     */
    public static void read(int count, long seed, Consumer<SourceSentence> sentences) {
        if (count < 1) throw new IllegalArgumentException("the number of stories must be at least 1, not " + count);
        for (int from = 0; from < count; from += CHUNK) {
            List<Story> stories = StoryGenerator.stories(seed, from, Math.min(CHUNK, count - from));
            for (int s = 0; s < stories.size(); s++) {
                List<StoryChecker.Sentence> tale = StoryChecker.check(stories.get(s).text()).sentences();
                for (int i = 0; i < tale.size(); i++) {
                    sentences.accept(new SourceSentence(tale.get(i).text(), OptionalDouble.empty(),
                            "story " + (from + s) + " sentence " + (i + 1)));
                }
            }
        }
    }
}
