package dev.rein.eval.sentiment;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The word lists and empirical constants of vaderSentiment 3.3.2 ({@code NEGATE}, {@code BOOSTER_DICT},
 * {@code SPECIAL_CASES}, {@code B_INCR}, {@code C_INCR}, {@code N_SCALAR}), as the Python module defines them.
 */
final class VaderWords {
    /** How much a booster word raises (or a dampener lowers) the intensity of the word it modifies. */
    static final double BOOSTER_STEP = 0.293;
    /** How much writing a sentiment word in capitals, among words that are not, raises its intensity. */
    static final double CAPS_STEP = 0.733;
    /** The factor a negation multiplies a valence by. */
    static final double NEGATION_FACTOR = -0.74;

    private static final Set<String> NEGATIONS = Set.of(
            "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
            "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
            "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
            "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
            "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
            "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
            "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
            "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

    private static final Set<String> INTENSIFIERS = Set.of(
            "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably",
            "decidedly", "deeply", "effing", "enormous", "enormously", "entirely", "especially", "exceptional",
            "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking",
            "fricking", "frickin", "frigging", "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging",
            "greatly", "hella", "highly", "hugely", "incredible", "incredibly", "intensely",
            "major", "majorly", "more", "most", "particularly", "purely", "quite", "really", "remarkably",
            "so", "substantially", "thoroughly", "total", "totally", "tremendous", "tremendously",
            "uber", "unbelievably", "unusually", "utter", "utterly", "very");

    private static final Set<String> DAMPENERS = Set.of(
            "almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of",
            "less", "little", "marginal", "marginally", "occasional", "occasionally", "partly",
            "scarce", "scarcely", "slight", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of");

    /** {@code BOOSTER_DICT}: each intensifier's step up and each dampener's step down. */
    private static final Map<String, Double> BOOSTERS = boosters();

    /** Phrases whose valence replaces that of the lexicon word inside them. */
    private static final Map<String, Double> SPECIAL_CASES = Map.of(
            "the shit", 3.0, "the bomb", 3.0, "bad ass", 1.5, "badass", 1.5, "bus stop", 0.0,
            "yeah right", -2.0, "kiss of death", -1.5, "to die for", 3.0,
            "beating heart", 3.1, "broken heart", -2.9);

    private VaderWords() {
    }

    /** Whether the lower-cased {@code word} is a booster or dampener (or one of the phrases "kind of", "sort of"). */
    static boolean isBooster(String word) {
        return BOOSTERS.containsKey(word);
    }

    /** The step of the booster or dampener phrase {@code words} (lower-cased), or 0 when it is none. */
    static double boosterStep(String words) {
        return BOOSTERS.getOrDefault(words, 0.0);
    }

    /** The valence of the special phrase {@code words} (lower-cased), or null when it is none. */
    static Double specialCase(String words) {
        return SPECIAL_CASES.get(words);
    }

    /** Python's {@code negated([word])}: whether the lower-cased {@code word} is a negation or contains "n't". */
    static boolean isNegation(String word) {
        return NEGATIONS.contains(word) || word.contains("n't");
    }

    private static Map<String, Double> boosters() {
        Map<String, Double> boosters = new HashMap<>();
        for (String word : INTENSIFIERS) boosters.put(word, BOOSTER_STEP);
        for (String word : DAMPENERS) boosters.put(word, -BOOSTER_STEP);
        return Map.copyOf(boosters);
    }
}
