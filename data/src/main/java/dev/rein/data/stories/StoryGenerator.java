package dev.rein.data.stories;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * Writes short tales from the story grammar, like TinyStories but procedural, so that Rein can train its
 * embedded default model on a corpus it makes itself:
 *
 * <pre>
 * Once upon a time, there was a brave dog named Max. One sunny day, Max went to the park. At the park, Max
 * met a shy cat named Lily. Lily had a red ball. "Please, can I play with your red ball?" asked Max. "Yes, of
 * course you can," said Lily. They played with the ball all morning. From that day on, Max and Lily were best
 * friends.
 * </pre>
 *
 * <p>A story's attributes are drawn first, from its seed: sentiment and politeness (each half and half) and the
 * number of sentences (uniform over {@value #MIN_SENTENCES} to {@value #MAX_SENTENCES}); then its cast and
 * {@link StoryPlan plan}; then each sentence from a template of its beat's kind, a template used at most once
 * per story. Everything comes from the seed: the same seed gives the same story on any machine and thread
 * ({@link Random}'s algorithm is fixed by its specification).
 */
public final class StoryGenerator {
    /** The fewest sentences of a generated story. */
    public static final int MIN_SENTENCES = StoryPlan.MIN_SENTENCES;
    /** The most sentences {@link #story(long)} draws. */
    public static final int MAX_SENTENCES = 12;
    /** The most sentences a story with chosen attributes can have. */
    public static final int LONGEST = StoryPlan.MAX_SENTENCES;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private StoryGenerator() {
    }

    /** The story of {@code seed}, with attributes drawn from it. */
    public static Story story(long seed) {
        Random attributes = new Random(seed);
        Sentiment sentiment = attributes.nextBoolean() ? Sentiment.POSITIVE : Sentiment.NEGATIVE;
        Politeness politeness = attributes.nextBoolean() ? Politeness.POLITE : Politeness.RUDE;
        int sentences = MIN_SENTENCES + attributes.nextInt(MAX_SENTENCES - MIN_SENTENCES + 1);
        return story(seed, sentiment, politeness, sentences);
    }

    /**
     * A story with the given attributes; {@link #story(long)} gives {@code story(seed, ...)} with the attributes
     * it draws from {@code seed}.
     *
     * @throws IllegalArgumentException when {@code sentences} is not within {@value #MIN_SENTENCES} to
     *                                  {@value #LONGEST}
     */
    public static Story story(long seed, Sentiment sentiment, Politeness politeness, int sentences) {
        Random random = new Random(mix(seed));
        Cast cast = Cast.draw(random);
        Set<Template> used = new HashSet<>();
        List<String> written = new ArrayList<>(sentences);
        for (Beat beat : StoryPlan.beats(sentences, random)) {
            List<Template> unused = StoryGrammar.templates(SentenceKind.of(beat, sentiment, politeness)).stream()
                    .filter(template -> !used.contains(template)).toList();
            Template template = Lexicon.pick(random, unused);
            used.add(template);
            written.add(SentenceText.join(template.render(slot -> cast.word(slot, random))));
        }
        String text = String.join(" ", written);
        return new Story(text, sentiment, politeness, sentences, WordCount.of(text), seed);
    }

    /**
     * Stories {@code from} to {@code from + count - 1} of the corpus of {@code corpusSeed}, written in parallel;
     * story {@code i} is {@code story(storySeed(corpusSeed, i))}, so any split of a corpus into calls gives the
     * same stories.
     */
    public static List<Story> stories(long corpusSeed, long from, int count) {
        if (from < 0 || count < 0) throw new IllegalArgumentException("from and count must not be negative");
        return LongStream.range(from, from + count).parallel()
                .mapToObj(index -> story(storySeed(corpusSeed, index))).toList();
    }

    /** The seed of story {@code index} of the corpus of {@code corpusSeed}: the index-th output of SplitMix64. */
    public static long storySeed(long corpusSeed, long index) {
        return mix(corpusSeed + GOLDEN_GAMMA * (index + 1));
    }

    /** SplitMix64's finalizer: spreads neighbouring seeds over all 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
