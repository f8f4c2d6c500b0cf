package dev.rein.data.stories;

import static dev.rein.data.stories.Lexicon.pick;

import java.util.Random;

/**
 * What one tale is about, drawn before it is written so that its sentences refer to the same things: the hero,
 * the friend, the place, the thing the hero wants (and its colour), the hero's favourite activity and food.
 * Feelings, insults and times of day are drawn afresh wherever a sentence has one.
 */
record Cast(CastMember hero, CastMember friend, String place, String thing, String color,
            Lexicon.Activity activity, String food) {

    static Cast draw(Random random) {
        CastMember hero = CastMember.draw(random, null);
        CastMember friend = CastMember.draw(random, hero.name());
        return new Cast(hero, friend, pick(random, Lexicon.PLACES), pick(random, Lexicon.THINGS),
                pick(random, Lexicon.COLORS), pick(random, Lexicon.ACTIVITIES), pick(random, Lexicon.FOODS));
    }

    /** The word that fills {@code slot} in this tale (articles are chosen by {@link Template}, not here). */
    String word(Slot slot, Random random) {
        return switch (slot) {
            case HERO -> hero.name();
            case FRIEND -> friend.name();
            case HE -> hero.gender().subject;
            case HIM -> hero.gender().object;
            case HIS -> hero.gender().possessive;
            case HERO_KIND -> hero.kind();
            case FRIEND_KIND -> friend.kind();
            case HERO_TRAIT -> hero.trait();
            case FRIEND_TRAIT -> friend.trait();
            case PLACE -> place;
            case THING -> thing;
            case COLOR -> color;
            case ACTIVITY -> activity.base();
            case ACTIVITY_PAST -> activity.past();
            case FOOD -> food;
            case JOY, SORROW, INSULT, MOMENT -> pick(random, slot.words);
            case ARTICLE -> throw new IllegalArgumentException("the article agrees with the next word: "
                    + "Template chooses it");
        };
    }
}
