package dev.rein.data.stories;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The word classes the story templates draw from. Kept small (a child's vocabulary) so that a tiny model can
 * learn the corpus; the templates add their own fixed words. {@link #KINDS} ends with {@code boy} and
 * {@code girl}, the kinds that decide a character's gender.
 */
final class Lexicon {
    /** A verb of something a character likes to do, in the two forms the templates use. */
    record Activity(String base, String past) {
    }

    static final List<String> BOY_NAMES = List.of("Tom", "Ben", "Max", "Sam", "Leo", "Tim", "Jack", "Finn", "Jake",
            "Bob", "Joe", "Dan", "Ned", "Ted", "Paul");
    static final List<String> GIRL_NAMES = List.of("Lily", "Mia", "Sue", "Anna", "Amy", "Lucy", "Emma", "Kate",
            "Rose", "Zoe", "Ella", "Sara", "Jane", "Molly", "Daisy");
    static final List<String> NAMES = Stream.concat(BOY_NAMES.stream(), GIRL_NAMES.stream()).toList();

    static final String BOY = "boy";
    static final String GIRL = "girl";
    static final List<String> KINDS = List.of("dog", "cat", "bird", "bunny", "bear", "fox", "frog", "duck",
            "mouse", "pig", "owl", "lion", "hen", "goat", "cow", "horse", "puppy", "kitten", "elephant", "squirrel",
            BOY, GIRL);
    static final List<String> TRAITS = List.of("little", "small", "big", "young", "brave", "shy", "curious",
            "clever", "funny", "friendly", "gentle", "busy", "playful", "quiet", "old");

    static final List<String> PLACES = List.of("park", "garden", "forest", "beach", "farm", "lake", "hill", "field",
            "pond", "meadow", "playground", "woods", "yard");
    static final List<String> THINGS = List.of("ball", "kite", "doll", "drum", "book", "boat", "car", "truck", "hat",
            "box", "bike", "balloon", "shell", "rope", "puzzle", "robot", "train", "wagon", "umbrella", "toy");
    static final List<String> COLORS = List.of("red", "blue", "green", "yellow", "pink", "purple", "orange",
            "white", "brown", "black");
    static final List<Activity> ACTIVITIES = List.of(new Activity("play", "played"), new Activity("run", "ran"),
            new Activity("jump", "jumped"), new Activity("sing", "sang"), new Activity("dance", "danced"),
            new Activity("read", "read"), new Activity("draw", "drew"), new Activity("paint", "painted"),
            new Activity("dig", "dug"), new Activity("hop", "hopped"), new Activity("skip", "skipped"),
            new Activity("climb", "climbed"));
    static final List<String> FOODS = List.of("apple", "cake", "cookie", "pie", "bun", "carrot", "banana",
            "sandwich", "muffin", "pear", "plum", "egg");

    static final List<String> JOYS = List.of("happy", "glad", "proud", "excited", "cheerful", "joyful");
    static final List<String> SORROWS = List.of("sad", "angry", "upset", "lonely", "scared", "unhappy");
    static final List<String> INSULTS = List.of("silly", "slow", "mean", "rude", "bossy", "messy", "lazy", "grumpy");
    static final List<String> MOMENTS = List.of("day", "morning", "afternoon", "evening");

    private Lexicon() {
    }

    /** A uniformly drawn element of {@code choices}. */
    static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
