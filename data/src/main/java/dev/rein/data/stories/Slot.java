package dev.rein.data.stories;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A place in a sentence template that a word of a class fills, written {@code {key}} in the template (see
 * {@link Template}). The generator fills it from the story's {@link Cast} (the hero's name, the story's place)
 * or with a fresh word of the class (a feeling); the checker accepts any word of the class.
 */
enum Slot {
    HERO("hero", Lexicon.NAMES),
    FRIEND("friend", Lexicon.NAMES),
    HE("he", List.of(Gender.MALE.subject, Gender.FEMALE.subject)),
    HIM("him", List.of(Gender.MALE.object, Gender.FEMALE.object)),
    HIS("his", List.of(Gender.MALE.possessive, Gender.FEMALE.possessive)),
    HERO_KIND("heroKind", Lexicon.KINDS),
    FRIEND_KIND("friendKind", Lexicon.KINDS),
    HERO_TRAIT("heroTrait", Lexicon.TRAITS),
    FRIEND_TRAIT("friendTrait", Lexicon.TRAITS),
    PLACE("place", Lexicon.PLACES),
    THING("thing", Lexicon.THINGS),
    COLOR("color", Lexicon.COLORS),
    ACTIVITY("activity", Lexicon.ACTIVITIES.stream().map(Lexicon.Activity::base).distinct().toList()),
    ACTIVITY_PAST("activityPast", Lexicon.ACTIVITIES.stream().map(Lexicon.Activity::past).distinct().toList()),
    FOOD("food", Lexicon.FOODS),
    JOY("joy", Lexicon.JOYS),
    SORROW("sorrow", Lexicon.SORROWS),
    INSULT("insult", Lexicon.INSULTS),
    MOMENT("moment", Lexicon.MOMENTS),
    /** The indefinite article, {@code a} or {@code an} as the next word requires. */
    ARTICLE("a", List.of("a", "an"));

    private static final Map<String, Slot> BY_KEY =
            Arrays.stream(values()).collect(Collectors.toMap(slot -> slot.key, Function.identity()));

    /** The name in templates, with a lower-case first letter; written capitalised, the word is capitalised. */
    final String key;
    /** Every word that may fill it. */
    final List<String> words;

    Slot(String key, List<String> words) {
        this.key = key;
        this.words = words;
    }

    /** The slot written {@code {key}} (any capitalisation of its first letter), or null. */
    static Slot byKey(String key) {
        return BY_KEY.get(Character.toLowerCase(key.charAt(0)) + key.substring(1));
    }

    /** The article that goes before {@code word}: {@code an} before a vowel, else {@code a}. */
    static String articleFor(String word) {
        return "aeiouAEIOU".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }
}
