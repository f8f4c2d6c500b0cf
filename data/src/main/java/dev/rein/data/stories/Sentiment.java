package dev.rein.data.stories;

import java.util.Locale;

/** The tone of a story and of its ending: things go well for the hero, or they go badly. */
public enum Sentiment {
    POSITIVE, NEGATIVE;

    /** The name in corpus files: {@code positive} or {@code negative}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
