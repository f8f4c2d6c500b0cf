package dev.rein.data.stories;

/**
 * The part a sentence plays in a tale, in the order tales tell them. Some beats are worded by the story's
 * sentiment (how its events and ending go), some by its politeness (how its characters talk), some by both.
 */
public enum Beat {
    /** Introduces the hero: {@code Once upon a time, there was a little dog named Max.} */
    OPENING(false, false),
    /** Introduces the hero and the friend together, so the tale needs no meeting. */
    OPENING_PAIR(false, false),
    /** Something about the hero: where they live, what they like. */
    DESCRIPTION(false, false),
    /** The hero goes somewhere, on a bright or a gloomy day. */
    GOING(true, false),
    /** The hero meets the friend. */
    MEETING(false, false),
    /** The friend has the thing the hero will ask for. */
    FRIEND_THING(false, false),
    /** The hero asks for the friend's thing, politely or rudely. */
    REQUEST(false, true),
    /** The friend answers: yes or no, politely or rudely. */
    RESPONSE(true, true),
    /** The hero answers back. */
    REACTION(true, true),
    /** Something that happens next: good or bad. */
    EVENT(true, false),
    /** How the hero feels. */
    FEELING(true, false),
    /** The last sentence: a happy or a sad ending. */
    ENDING(true, false);

    private final boolean bySentiment;
    private final boolean byPoliteness;

    Beat(boolean bySentiment, boolean byPoliteness) {
        this.bySentiment = bySentiment;
        this.byPoliteness = byPoliteness;
    }

    /** Whether the wording depends on the story's sentiment. */
    public boolean bySentiment() {
        return bySentiment;
    }

    /** Whether the wording depends on the story's politeness. */
    public boolean byPoliteness() {
        return byPoliteness;
    }

    /** Whether a tale may start with it. */
    public boolean isOpening() {
        return this == OPENING || this == OPENING_PAIR;
    }
}
