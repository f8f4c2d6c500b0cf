package dev.rein.steering.cogsteer;

import dev.rein.data.stories.StoryGenerator;
import java.util.List;
import java.util.Locale;

/**
 * Regression tasks built from the story grammar, for CogSteer's single-layer prefix tuning (METHODS.md 4.4) on
 * models trained on the story corpus: the rows are whole tales of corpus {@code seed} ({@link
 * StoryGenerator#stories}), each scored by a number the grammar counted while writing it.
 */
public enum StoryRegressionTask {
    /**
     * The tale's number of words: the last token's final state sits at the tale's last position, which its position
     * embedding and the attention over the whole tale both carry.
     */
    WORDS("stories-words");

    private final String label;

    StoryRegressionTask(String label) {
        this.label = label;
    }

    /** The name the CLI takes: {@code stories-words}. */
    public String label() {
        return label;
    }

    /** The task named {@code name} ({@link #label()}, case-insensitive), or null when it names none. */
    public static StoryRegressionTask named(String name) {
        for (StoryRegressionTask task : values()) {
            if (task.label.equals(name.toLowerCase(Locale.ROOT))) return task;
        }
        return null;
    }

    /** The first {@code count} tales of the corpus of {@code seed}, scored (a longer list starts with them). */
    public List<ScoredText> rows(long seed, int count) {
        return StoryGenerator.stories(seed, 0, count).stream()
                .map(story -> new ScoredText(story.text(), story.words())).toList();
    }
}
