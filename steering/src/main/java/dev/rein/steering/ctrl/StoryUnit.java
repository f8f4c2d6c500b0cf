package dev.rein.steering.ctrl;

import dev.rein.data.stories.StoryChecker;

/**
 * What one labelled row of the story corpus is ({@link StorySentences}): a whole tale, labelled by its politeness and
 * its ending as the stand-in asks, or one sentence of it, labelled by its own wording.
 */
public enum StoryUnit {
    /** One row a tale: rude if it has a rude sentence (the tale's politeness), sentiment of its ending. */
    TALE,
    /** One row a sentence: rude if it is worded rudely, sentiment of its own wording (ties negative). */
    SENTENCE;

    /**
     * The prompt a validation row of this unit gives the evaluation: a tale's opening sentence (the model writes the
     * rest of the tale), or the sentence itself.
     */
    public String prompt(String text) {
        return this == TALE ? StoryChecker.check(text).sentences().getFirst().text() : text;
    }
}
