package dev.rein.eval.sentiment;

import dev.rein.eval.TextScorer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * VADER (Valence Aware Dictionary and sEntiment Reasoner), a rule-based sentiment scorer: a Java port of
 * {@code SentimentIntensityAnalyzer.polarity_scores} of vaderSentiment 3.3.2 (github.com/cjhutto/vaderSentiment,
 * MIT licence, copyright (c) 2016 C.J. Hutto; Hutto and Gilbert, "VADER: A Parsimonious Rule-based Model for
 * Sentiment Analysis of Social Media Text", ICWSM 2014). The control-token method labels sentences with it
 * (METHODS.md 2.4).
 *
 * <p>Each emoji in the emoji lexicon is first replaced by its description (so 😁 reads "beaming face with smiling
 * eyes"); the text is split into words ({@link SentiText}); each word gets its lexicon valence adjusted by the words
 * around it ({@link WordValence}: negation, boosters, capitals, special phrases, "least"); a "but" shifts the weight
 * to what follows it; and the valences become scores ({@link VaderScoring}: "!" and "?" emphasis, compound =
 * sum / sqrt(sum² + 15), proportions). Scores equal the Python code's to the digit, quirks included; each quirk
 * is marked where it is kept. The lexicon files are read from a folder ({@link #load}), not bundled.
 */
public final class Vader {
    private final VaderLexicon lexicon;
    private final WordValence valence;

    private Vader(VaderLexicon lexicon) {
        this.lexicon = lexicon;
        this.valence = new WordValence(lexicon);
    }

    /**
     * Reads {@code vader_lexicon.txt} and {@code emoji_utf8_lexicon.txt} from {@code folder} (vaderSentiment
     * 3.3.2's files, as in ../shared/data/vader); a missing file or malformed line is a FormatException naming it.
     */
    public static Vader load(Path folder) throws IOException {
        return new Vader(VaderLexicon.read(folder));
    }

    /** The scores of {@code text}, as {@code polarity_scores(text)} gives them. */
    public SentimentScores scores(String text) {
        String described = withEmojiDescribed(text);
        SentiText words = SentiText.of(described);
        double[] valences = new double[words.size()];
        for (int i = 0; i < valences.length; i++) {
            String word = words.lower(i);
            // boosters and the "kind" of "kind of" modify other words and carry no valence of their own
            boolean kindOf = i < valences.length - 1 && word.equals("kind") && words.lower(i + 1).equals("of");
            valences[i] = VaderWords.isBooster(word) || kindOf ? 0 : valence.of(words, i);
        }
        VaderScoring.contrastiveBut(words, valences);
        return VaderScoring.scores(valences, described);
    }

    /** A scorer giving the compound score, in [-1, 1]. */
    public TextScorer compound() {
        return text -> scores(text).compound();
    }

    /** A scorer giving {@code positive - negative}, which is above 0 exactly when the seed labels the text positive. */
    public TextScorer polarityMargin() {
        return text -> scores(text).polarityMargin();
    }

    /**
     * {@code text} with each listed emoji replaced by its description, separated by a space from what precedes it
     * unless that is a space (the text that follows is not separated: "💘!" reads "heart with arrow!"), then
     * stripped of whitespace at both ends. Emoji are looked up one code point at a time, so the lexicon's entries of
     * several code points (flags, skin tones, joined sequences) never match, as in the Python code.
     */
    private String withEmojiDescribed(String text) {
        StringBuilder described = new StringBuilder(text.length());
        boolean afterSpace = true;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            String character = Character.toString(codePoint);
            String description = lexicon.emojiDescription(character);
            if (description != null) {
                if (!afterSpace) described.append(' ');
                described.append(description);
                afterSpace = false;
            } else {
                described.append(character);
                afterSpace = codePoint == ' ';
            }
            i += Character.charCount(codePoint);
        }
        return PythonText.strip(described.toString());
    }
}
