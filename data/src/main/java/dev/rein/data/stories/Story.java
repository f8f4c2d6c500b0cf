package dev.rein.data.stories;

/**
 * One generated tale and the attributes it was written to have.
 *
 * @param text       the tale: sentences separated by single spaces, no line breaks
 * @param sentiment  the tone of its events and ending
 * @param politeness how its characters talk
 * @param sentences  how many sentences it has
 * @param words      its word count as {@link WordCount#of} defines it
 * @param seed       the seed that gives this story again through {@link StoryGenerator#story(long)}
 */
public record Story(String text, Sentiment sentiment, Politeness politeness, int sentences, int words, long seed) {
}
