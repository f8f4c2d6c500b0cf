package dev.rein.data.stories;

import java.util.Objects;

/**
 * Which sentences a template writes: its beat and, when the beat's wording depends on them, the sentiment and
 * politeness it expresses.
 *
 * @param beat       the part the sentence plays in the tale
 * @param sentiment  the sentiment it expresses, or null when the beat does not depend on it
 * @param politeness the politeness it expresses, or null when the beat does not depend on it
 */
public record SentenceKind(Beat beat, Sentiment sentiment, Politeness politeness) {
    public SentenceKind {
        Objects.requireNonNull(beat, "beat");
        if ((sentiment != null) != beat.bySentiment()) {
            throw new IllegalArgumentException(beat + (beat.bySentiment() ? " needs" : " has no") + " a sentiment");
        }
        if ((politeness != null) != beat.byPoliteness()) {
            throw new IllegalArgumentException(beat + (beat.byPoliteness() ? " needs" : " has no") + " a politeness");
        }
    }

    /** The kind of {@code beat} in a story of this sentiment and politeness (those the beat ignores left out). */
    public static SentenceKind of(Beat beat, Sentiment sentiment, Politeness politeness) {
        return new SentenceKind(beat, beat.bySentiment() ? sentiment : null, beat.byPoliteness() ? politeness : null);
    }
}
