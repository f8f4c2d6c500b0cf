package dev.rein.steering.dph;

import dev.rein.data.stories.Politeness;
import dev.rein.data.stories.Sentiment;
import dev.rein.data.stories.Story;
import dev.rein.data.stories.StoryChecker;
import dev.rein.data.stories.StoryGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Preference pairs with a known truth, from the story grammar the embedded default model was trained on. Pair i
 * draws a story seed and a length; the chosen tale is that story told happy and polite, the rejected one the same
 * story told sad, rude, sad and rude, or happy and polite with the words of one sentence shuffled (ungrammatical),
 * one of the four drawn from the seed. Both share their opening sentence (openings depend on neither sentiment nor
 * politeness), which is the prompt; the replies are the rest of each tale, starting with a space. {@link TaleReward}
 * scores the chosen tale above the rejected one in every pair. The same seed gives the same pairs.
 */
public final class StoryPreferences {
    private StoryPreferences() {
    }

    /** Pairs {@code from} to {@code from + count - 1} of the set of {@code seed}. */
    public static List<PreferencePair> pairs(long seed, int from, int count) {
        List<PreferencePair> pairs = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            long storySeed = StoryGenerator.storySeed(seed, i);
            Random random = new Random(storySeed);
            int sentences = StoryGenerator.MIN_SENTENCES
                    + random.nextInt(StoryGenerator.MAX_SENTENCES - StoryGenerator.MIN_SENTENCES + 1);
            Story good = StoryGenerator.story(storySeed, Sentiment.POSITIVE, Politeness.POLITE, sentences);
            String prompt = opening(good.text());
            String rejected = switch (random.nextInt(4)) {
                case 0 -> reply(StoryGenerator.story(storySeed, Sentiment.NEGATIVE, Politeness.POLITE, sentences));
                case 1 -> reply(StoryGenerator.story(storySeed, Sentiment.POSITIVE, Politeness.RUDE, sentences));
                case 2 -> reply(StoryGenerator.story(storySeed, Sentiment.NEGATIVE, Politeness.RUDE, sentences));
                default -> scrambledReply(good.text(), random);
            };
            pairs.add(PreferencePair.of(prompt, reply(good), rejected));
        }
        return pairs;
    }

    /** The opening sentences of pairs {@code from} to {@code from + count - 1}: prompts to continue. */
    public static List<String> prompts(long seed, int from, int count) {
        return pairs(seed, from, count).stream().map(PreferencePair::prompt).toList();
    }

    private static String opening(String tale) {
        return StoryChecker.check(tale).sentences().getFirst().text();
    }

    /** What follows the opening sentence, from the space after it. */
    private static String reply(Story story) {
        return story.text().substring(opening(story.text()).length());
    }

    /** The reply of the tale with the words of one sentence after the opening shuffled. */
    private static String scrambledReply(String tale, Random random) {
        List<StoryChecker.Sentence> sentences = StoryChecker.check(tale).sentences();
        int victim = 1 + random.nextInt(sentences.size() - 1);
        List<String> words = new ArrayList<>(Arrays.asList(sentences.get(victim).text().split(" ")));
        List<String> original = List.copyOf(words);
        while (words.equals(original) && words.size() > 1) Collections.shuffle(words, random);
        List<String> texts = new ArrayList<>(sentences.stream().map(StoryChecker.Sentence::text).toList());
        texts.set(victim, String.join(" ", words));
        return " " + String.join(" ", texts.subList(1, texts.size()));
    }
}
