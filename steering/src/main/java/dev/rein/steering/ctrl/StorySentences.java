package dev.rein.steering.ctrl;

import dev.rein.data.stories.Story;
import dev.rein.data.stories.StoryChecker;
import dev.rein.data.stories.StoryGenerator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * The tales, or their sentences ({@link StoryUnit}), of the first tales of a story corpus
 * ({@link StoryGenerator#stories}: the tales {@code rein corpus stories} writes for the same seed), the stand-in for
 * the seed's Pile sentences on the embedded default model. Sentences are the grammar's ({@link StoryChecker}'s
 * split); nothing is cleaned: the seed's regex would strip the commas and quotes that the grammar, and so the
 * {@code stories} scorers, need.
 */
public final class StorySentences {
    private static final int CHUNK = 8192;

    private StorySentences() {
    }

    /**
     * Hands each row of tales 0 to {@code count - 1} of the corpus of {@code seed} to {@code rows}, tale by tale,
     * without scores, and counts the tales whose politeness and sentiment the grammar's checker reads from the text
     * as the tale was written with ({@link StoryChecker.Report#politeness()}, {@link StoryChecker.Report#sentiment()}).
     *
     * @return how many of the {@code count} tales the checker reads as written
     * @throws IllegalArgumentException when {@code count} is below 1
     */
    public static int read(int count, long seed, StoryUnit unit, Consumer<SourceSentence> rows) {
        if (count < 1) throw new IllegalArgumentException("the number of stories must be at least 1, not " + count);
        int agreeing = 0;
        for (int from = 0; from < count; from += CHUNK) {
            List<Story> stories = StoryGenerator.stories(seed, from, Math.min(CHUNK, count - from));
            for (int s = 0; s < stories.size(); s++) {
                Story story = stories.get(s);
                StoryChecker.Report report = StoryChecker.check(story.text());
                if (report.politeness().equals(Optional.of(story.politeness()))
                        && report.sentiment().equals(Optional.of(story.sentiment()))) {
                    agreeing++;
                }
                String where = "story " + (from + s);
                if (unit == StoryUnit.TALE) {
                    rows.accept(new SourceSentence(story.text(), OptionalDouble.empty(), where));
                    continue;
                }
                List<StoryChecker.Sentence> tale = report.sentences();
                for (int i = 0; i < tale.size(); i++) {
                    rows.accept(new SourceSentence(tale.get(i).text(), OptionalDouble.empty(),
                            where + " sentence " + (i + 1)));
                }
            }
        }
        return agreeing;
    }
}
