package dev.rein.steering.ctrl;

import java.util.OptionalDouble;

/**
 * One sentence to label, as read from its source.
 *
 * @param text  the sentence as it will be written (cleaned when it came from a file)
 * @param score its toxicity score from the source's score field, when the labels come from one
 * @param where where it came from, for messages: {@code line 12}, {@code line 12 sentence 3}, {@code story 7}
 */
public record SourceSentence(String text, OptionalDouble score, String where) {
}
