package dev.rein.steering.cogsteer;

import dev.rein.data.stories.Politeness;
import dev.rein.data.stories.Sentiment;
import dev.rein.data.stories.Story;
import dev.rein.data.stories.StoryGenerator;
import java.util.List;
import java.util.Locale;

/**
 * Classification tasks built from the story grammar, for CogSteer's single-layer prefix tuning (METHODS.md 4.4)
 * on models trained on the story corpus: the rows are whole tales of corpus {@code seed} ({@link
 * StoryGenerator#stories}), each labelled by an attribute it was written to have.
 */
public enum StoryClassificationTask {
    /** Happy (1) or sad (0) ending: the tale's sentiment, which its events and its last sentence carry. */
    ENDING("stories-ending"),
    /** Polite (1) or rude (0): how the characters talk. */
    POLITENESS("stories-politeness");

    private final String label;

    StoryClassificationTask(String label) {
        this.label = label;
    }

    /** The name the CLI takes: {@code stories-ending} or {@code stories-politeness}. */
    public String label() {
        return label;
    }

    /** The task named {@code name} ({@link #label()}, case-insensitive), or null when it names none. */
    public static StoryClassificationTask named(String name) {
        for (StoryClassificationTask task : values()) {
            if (task.label.equals(name.toLowerCase(Locale.ROOT))) return task;
        }
        return null;
    }

    /** The first {@code count} tales of the corpus of {@code seed}, labelled (a longer list starts with them). */
    public List<LabelledText> rows(long seed, int count) {
        return StoryGenerator.stories(seed, 0, count).stream().map(this::row).toList();
    }

    private LabelledText row(Story story) {
        int label = switch (this) {
            case ENDING -> story.sentiment() == Sentiment.POSITIVE ? 1 : 0;
            case POLITENESS -> story.politeness() == Politeness.POLITE ? 1 : 0;
        };
        return new LabelledText(story.text(), label);
    }
}
