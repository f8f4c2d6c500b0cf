package dev.rein.data.stories;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The beats of a tale of a given number of sentences. Every tale has an opening, a request and an ending; a tale
 * that opens with the hero alone also has a meeting (a three-sentence tale opens with both characters). The
 * other sentences are drawn from a pool of optional beats, then told in the order of {@link Beat}: up to two
 * descriptions, a going, the friend's thing, the friend's response and the hero's reaction (a reaction only
 * after a response), up to three events and a feeling.
 */
final class StoryPlan {
    private static final List<Beat> OPTIONAL = List.of(Beat.DESCRIPTION, Beat.DESCRIPTION, Beat.GOING,
            Beat.FRIEND_THING, Beat.RESPONSE, Beat.RESPONSE, Beat.EVENT, Beat.EVENT, Beat.EVENT, Beat.FEELING);
    /** The most sentences a tale can have: opening, request, ending and every optional beat (or a meeting). */
    static final int MAX_SENTENCES = 3 + OPTIONAL.size();
    static final int MIN_SENTENCES = 3;

    private StoryPlan() {
    }

    /** The beats of a tale of {@code sentences} sentences, one per sentence, in telling order. */
    static List<Beat> beats(int sentences, Random random) {
        if (sentences < MIN_SENTENCES || sentences > MAX_SENTENCES) {
            throw new IllegalArgumentException("a tale has " + MIN_SENTENCES + " to " + MAX_SENTENCES
                    + " sentences, not " + sentences);
        }
        boolean openWithBoth = sentences == MIN_SENTENCES || random.nextInt(4) == 0;
        int required = openWithBoth ? 3 : 4;
        List<Beat> pool = new ArrayList<>(OPTIONAL);
        Collections.shuffle(pool, random);
        Map<Beat, Integer> counts = new EnumMap<>(Beat.class);
        for (Beat beat : pool.subList(0, sentences - required)) counts.merge(beat, 1, Integer::sum);

        List<Beat> beats = new ArrayList<>(sentences);
        beats.add(openWithBoth ? Beat.OPENING_PAIR : Beat.OPENING);
        repeat(beats, Beat.DESCRIPTION, counts);
        repeat(beats, Beat.GOING, counts);
        if (!openWithBoth) beats.add(Beat.MEETING);
        repeat(beats, Beat.FRIEND_THING, counts);
        beats.add(Beat.REQUEST);
        int exchanges = counts.getOrDefault(Beat.RESPONSE, 0);
        if (exchanges >= 1) beats.add(Beat.RESPONSE);
        if (exchanges == 2) beats.add(Beat.REACTION);
        repeat(beats, Beat.EVENT, counts);
        repeat(beats, Beat.FEELING, counts);
        beats.add(Beat.ENDING);
        return beats;
    }

    private static void repeat(List<Beat> beats, Beat beat, Map<Beat, Integer> counts) {
        for (int i = counts.getOrDefault(beat, 0); i > 0; i--) beats.add(beat);
    }
}
