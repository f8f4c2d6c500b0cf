package dev.rein.eval.sentiment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * From the valences of a sentence's words to its scores, by vaderSentiment 3.3.2's {@code _but_check} and
 * {@code score_valence}: the contrastive "but", punctuation emphasis, the compound normalisation and the
 * positive/neutral/negative proportions, rounded as the Python code rounds them.
 */
final class VaderScoring {
    /** The normalisation constant: compound = sum / sqrt(sum² + 15). */
    private static final double ALPHA = 15;

    private VaderScoring() {
    }

    /**
     * {@code _but_check}: when the sentence has "but", the valences before the first "but" are halved and those
     * after it raised by half, in place.
     *
     * <p>Quirk kept: the Python code finds each valence's position with {@code list.index(value)}, the first
     * position holding an equal value, while it rewrites the list. So when a valence equals one already rewritten
     * earlier in the list, the earlier position is rewritten again and the later one is left as it was: in
     * "I love it but I am alive." the 3.2 of "love" becomes 1.6, then "alive" (1.6) is found at the position of
     * "love", which is halved again to 0.8, while "alive" keeps 1.6 instead of becoming 2.4.
     */
    static void contrastiveBut(SentiText text, double[] valences) {
        int but = text.lower().indexOf("but");
        if (but < 0) return;
        for (int k = 0; k < valences.length; k++) {
            double valence = valences[k]; // after earlier rewrites, as Python's iterator over the changing list reads
            int position = firstIndexOf(valences, valence);
            if (position < but) {
                valences[position] = valence * 0.5;
            } else if (position > but) {
                valences[position] = valence * 1.5;
            }
        }
    }

    /** {@code score_valence}: the scores of a sentence whose (emoji-described, stripped) text is {@code text}. */
    static SentimentScores scores(double[] valences, String text) {
        if (valences.length == 0) return new SentimentScores(0, 0, 0, 0);
        double sum = 0;
        for (double valence : valences) sum += valence;
        double emphasis = punctuationEmphasis(text);
        if (sum > 0) {
            sum += emphasis;
        } else if (sum < 0) {
            sum -= emphasis;
        }
        double compound = normalize(sum);

        // each sentiment word counts 1 more than its valence, so that it weighs against the neutral words' 1 each
        double positive = 0;
        double negative = 0;
        int neutral = 0;
        for (double valence : valences) {
            if (valence > 0) positive += valence + 1;
            if (valence < 0) negative += valence - 1;
            if (valence == 0) neutral++;
        }
        if (positive > Math.abs(negative)) {
            positive += emphasis;
        } else if (positive < Math.abs(negative)) {
            negative -= emphasis;
        }
        double total = positive + Math.abs(negative) + neutral;
        return new SentimentScores(round(Math.abs(negative / total), 3), round(Math.abs(neutral / total), 3),
                round(Math.abs(positive / total), 3), round(compound, 4));
    }

    /** Emphasis from "!" (0.292 each, up to 4) and "?" (0.18 each for 2 or 3, 0.96 for more; none for one). */
    private static double punctuationEmphasis(String text) {
        int exclamations = Math.min(count(text, '!'), 4);
        int questions = count(text, '?');
        double questionEmphasis = questions > 1 ? (questions <= 3 ? questions * 0.18 : 0.96) : 0;
        return exclamations * 0.292 + questionEmphasis;
    }

    private static double normalize(double score) {
        double normalized = score / Math.sqrt(score * score + ALPHA);
        return Math.max(-1.0, Math.min(1.0, normalized));
    }

    /** Python's {@code round(value, digits)}: the nearest multiple of 10^-digits to the exact double, ties to even. */
    static double round(double value, int digits) {
        return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static int firstIndexOf(double[] values, double value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) return i;
        }
        throw new IllegalStateException(value + " was read from the array it is searched in");
    }

    private static int count(String text, char character) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == character) count++;
        }
        return count;
    }
}
