package dev.rein.eval.sentiment;

import static dev.rein.eval.sentiment.VaderWords.CAPS_STEP;
import static dev.rein.eval.sentiment.VaderWords.NEGATION_FACTOR;

/**
 * The valence of one word in its sentence, by vaderSentiment 3.3.2's {@code sentiment_valence} and the checks it
 * calls: the lexicon valence, "no" as a negation of the next lexicon word, capitals among non-capitals, boosters and
 * dampeners up to three words before (weighted 1, 0.95, 0.9), negations up to three words before ("never so/this"
 * intensifies and "without doubt" keeps the valence instead), special phrases ("the shit", "bad ass",
 * "kiss of death", ...), "kind of"/"sort of" before the word, and "least" (negating unless "at least"/"very least").
 * A word not in the lexicon has valence 0. The order of the rules, and every quirk of the Python code, is kept.
 */
final class WordValence {
    private final VaderLexicon lexicon;

    WordValence(VaderLexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** The valence of word {@code i} of {@code text}. */
    double of(SentiText text, int i) {
        String word = text.lower(i);
        if (!lexicon.contains(word)) return 0;
        double valence = lexicon.valence(word);
        // "no" right before another lexicon word negates that word instead of counting as negative itself
        if (word.equals("no") && i != text.size() - 1 && lexicon.contains(text.lower(i + 1))) valence = 0.0;
        if ((i > 0 && text.lower(i - 1).equals("no")) || (i > 1 && text.lower(i - 2).equals("no"))
                || (i > 2 && text.lower(i - 3).equals("no") && isOneOf(text.lower(i - 1), "or", "nor"))) {
            valence = lexicon.valence(word) * NEGATION_FACTOR;
        }
        if (PythonText.isUpper(text.word(i)) && text.capsDifferential()) {
            valence = valence > 0 ? valence + CAPS_STEP : valence - CAPS_STEP;
        }
        // Python's start_i = distance - 1. Quirk kept: a preceding word that is itself in the lexicon is skipped
        // entirely, so neither its booster step nor the negation and phrase checks at that distance apply.
        for (int distance = 1; distance <= 3; distance++) {
            if (i >= distance && !lexicon.contains(text.lower(i - distance))) {
                double step = boosterStep(text, i - distance, valence);
                if (distance == 2 && step != 0) step *= 0.95;
                if (distance == 3 && step != 0) step *= 0.9;
                valence += step;
                valence = negation(valence, text, distance, i);
                if (distance == 3) valence = specialPhrases(valence, text, i);
            }
        }
        return least(valence, text, i);
    }

    /**
     * {@code scalar_inc_dec}: the step word {@code j} adds to a word of {@code valence}, signed to push away from 0
     * (towards 0 for dampeners), plus the capitals step when the booster is in capitals among non-capitals. Quirk
     * kept: for a valence of exactly 0 the capitals step is subtracted.
     */
    private static double boosterStep(SentiText text, int j, double valence) {
        String booster = text.lower(j);
        if (!VaderWords.isBooster(booster)) return 0.0;
        double step = VaderWords.boosterStep(booster);
        if (valence < 0) step *= -1;
        if (PythonText.isUpper(text.word(j)) && text.capsDifferential()) {
            step = valence > 0 ? step + CAPS_STEP : step - CAPS_STEP;
        }
        return step;
    }

    /** {@code _negation_check} for the word {@code distance} places before word {@code i}. */
    private static double negation(double valence, SentiText text, int distance, int i) {
        switch (distance) {
            case 1 -> {
                if (VaderWords.isNegation(text.lower(i - 1))) valence *= NEGATION_FACTOR;
            }
            case 2 -> {
                if (text.lower(i - 2).equals("never") && isOneOf(text.lower(i - 1), "so", "this")) {
                    valence *= 1.25;
                } else if (text.lower(i - 2).equals("without") && text.lower(i - 1).equals("doubt")) {
                    return valence;
                } else if (VaderWords.isNegation(text.lower(i - 2))) {
                    valence *= NEGATION_FACTOR;
                }
            }
            default -> {
                // Quirk kept: Python's "a and b or c" groups as "(a and b) or c", so "so" or "this" right before
                // the word multiplies it by 1.25 whether or not "never" comes three words before.
                if ((text.lower(i - 3).equals("never") && isOneOf(text.lower(i - 2), "so", "this"))
                        || isOneOf(text.lower(i - 1), "so", "this")) {
                    valence *= 1.25;
                } else if (text.lower(i - 3).equals("without")
                        && (text.lower(i - 2).equals("doubt") || text.lower(i - 1).equals("doubt"))) {
                    return valence;
                } else if (VaderWords.isNegation(text.lower(i - 3))) {
                    valence *= NEGATION_FACTOR;
                }
            }
        }
        return valence;
    }

    /**
     * {@code _special_idioms_check} for word {@code i} (at least 3): the first special phrase among the words
     * before and including it sets the valence, a phrase starting at it overrides that, and "kind of"/"sort of"/
     * "just enough" among the three words before add their dampening step (unsigned, as in the Python code).
     */
    private static double specialPhrases(double valence, SentiText text, int i) {
        String oneZero = text.lower(i - 1) + " " + text.lower(i);
        String twoOneZero = text.lower(i - 2) + " " + text.lower(i - 1) + " " + text.lower(i);
        String twoOne = text.lower(i - 2) + " " + text.lower(i - 1);
        String threeTwoOne = text.lower(i - 3) + " " + text.lower(i - 2) + " " + text.lower(i - 1);
        String threeTwo = text.lower(i - 3) + " " + text.lower(i - 2);
        for (String phrase : new String[] {oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo}) {
            Double special = VaderWords.specialCase(phrase);
            if (special != null) {
                valence = special;
                break;
            }
        }
        if (text.size() - 1 > i) {
            Double special = VaderWords.specialCase(text.lower(i) + " " + text.lower(i + 1));
            if (special != null) valence = special;
        }
        if (text.size() - 1 > i + 1) {
            Double special = VaderWords.specialCase(text.lower(i) + " " + text.lower(i + 1) + " " + text.lower(i + 2));
            if (special != null) valence = special;
        }
        for (String phrase : new String[] {threeTwoOne, threeTwo, twoOne}) {
            if (VaderWords.isBooster(phrase)) valence += VaderWords.boosterStep(phrase);
        }
        return valence;
    }

    /** {@code _least_check}: "least" right before the word negates it, unless it follows "at" or "very". */
    private double least(double valence, SentiText text, int i) {
        if (i > 1 && !lexicon.contains(text.lower(i - 1)) && text.lower(i - 1).equals("least")) {
            if (!text.lower(i - 2).equals("at") && !text.lower(i - 2).equals("very")) valence *= NEGATION_FACTOR;
        } else if (i > 0 && !lexicon.contains(text.lower(i - 1)) && text.lower(i - 1).equals("least")) {
            valence *= NEGATION_FACTOR;
        }
        return valence;
    }

    private static boolean isOneOf(String word, String first, String second) {
        return word.equals(first) || word.equals(second);
    }
}
