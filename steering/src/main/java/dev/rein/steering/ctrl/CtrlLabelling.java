package dev.rein.steering.ctrl;

import dev.rein.data.lm.EpochOrder;
import dev.rein.data.lm.HeldOut;
import dev.rein.eval.text.PythonRegex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's labelling pipeline after cleaning (METHODS.md 2.1 and 2.2): sentences are {@link #add added} one at a
 * time and those with fewer than {@link LabellingSettings#minWords} whitespace-separated words dropped; then
 * {@link #finish} labels the rest ({@link SentenceLabeller}), splits a seeded share off for validation, marks a
 * seeded share of the training rows {@link LabelledSentence.Controls#STRIPPED}, and draws the balanced validation
 * set: among the split-off sentences with fewer than {@link LabellingSettings#validationMaxWords} words, a quarter
 * of the validation size from each of nontoxic-pos, nontoxic-neg, toxic-pos and toxic-neg (sentences labelled
 * {@code neu} are in none). A validation row may be a prompt cut from the split-off row (a tale's opening sentence,
 * {@link StoryUnit#prompt}) with the row's labels; the word limit applies to the prompt. The same sentences,
 * labeller and settings give the same rows.
 */
public final class CtrlLabelling {
    /** The four toxicity × sentiment pairs the validation set is balanced over, in the order it lists them. */
    private static final List<List<ControlToken>> PAIRS = List.of(
            List.of(ControlToken.NONTOXIC, ControlToken.POS), List.of(ControlToken.NONTOXIC, ControlToken.NEG),
            List.of(ControlToken.TOXIC, ControlToken.POS), List.of(ControlToken.TOXIC, ControlToken.NEG));
    private static final Pattern WORD = Pattern.compile(PythonRegex.NOT_SPACE + "+");

    private final SentenceLabeller labeller;
    private final LabellingSettings settings;
    private final UnaryOperator<String> prompt;
    private final List<SourceSentence> kept = new ArrayList<>();
    private int read;

    /**
     * What labelling gave.
     *
     * @param read            sentences added
     * @param kept            those with enough words
     * @param train           the training rows, in the order added
     * @param validationSplit how many kept sentences were split off for validation
     * @param validation      the balanced validation set, pair by pair, each pair in the order added
     */
    public record Result(int read, int kept, List<LabelledSentence> train, int validationSplit,
                         List<LabelledSentence> validation) {
        public Result {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
        }
    }

    /** Labelling whose validation rows are the split-off sentences themselves. */
    public CtrlLabelling(SentenceLabeller labeller, LabellingSettings settings) {
        this(labeller, settings, UnaryOperator.identity());
    }

    /**
     * @param prompt the text of the validation row a split-off row gives, e.g. a tale's opening sentence
     */
    public CtrlLabelling(SentenceLabeller labeller, LabellingSettings settings, UnaryOperator<String> prompt) {
        this.labeller = labeller;
        this.settings = settings;
        this.prompt = prompt;
    }

    /** Takes one sentence, keeping it when it has enough words. */
    public void add(SourceSentence sentence) {
        read++;
        if (words(sentence.text()) >= settings.minWords()) kept.add(sentence);
    }

    /**
     * Labels, splits, strips and samples the sentences kept so far.
     *
     * @throws IllegalArgumentException when too few sentences are kept to split, or a pair has fewer validation
     *                                  sentences than a quarter of the validation size
     */
    public Result finish() {
        if (kept.size() < 2) {
            throw new IllegalArgumentException(kept.size() + " of the " + read + " sentences have at least "
                    + settings.minWords() + " words; splitting off validation needs at least 2");
        }
        HeldOut<LabelledSentence> split = HeldOut.split(labeller.label(kept), settings.validationFraction(),
                settings.seed());
        return new Result(read, kept.size(), stripped(split.train()), split.heldOut().size(),
                balanced(split.heldOut()));
    }

    /** The number of runs of non-whitespace characters in {@code text}, as Python's {@code len(text.split())}. */
    static int words(String text) {
        Matcher word = WORD.matcher(text);
        int count = 0;
        while (word.find()) count++;
        return count;
    }

    /** {@code train} with a seeded {@code stripFraction} of its rows (rounded) stripped of control tokens. */
    private List<LabelledSentence> stripped(List<LabelledSentence> train) {
        List<LabelledSentence> rows = new ArrayList<>(train);
        int count = (int) Math.round(settings.stripFraction() * rows.size());
        int[] order = EpochOrder.shuffled(rows.size(), settings.seed() + 1, 0);
        for (int i = 0; i < count; i++) rows.set(order[i], rows.get(order[i]).stripped());
        return rows;
    }

    /** A quarter of the validation size drawn from each pair's short prompts. */
    private List<LabelledSentence> balanced(List<LabelledSentence> split) {
        int quarter = settings.validationSize() / 4;
        List<LabelledSentence> validation = new ArrayList<>();
        for (int p = 0; p < PAIRS.size(); p++) {
            List<ControlToken> pair = PAIRS.get(p);
            List<LabelledSentence> candidates = split.stream()
                    .filter(row -> row.toxicity() == pair.get(0) && row.sentiment() == pair.get(1))
                    .map(row -> new LabelledSentence(prompt.apply(row.text()), row.toxicity(), row.sentiment(),
                            row.controls(), row.scores()))
                    .filter(row -> words(row.text()) < settings.validationMaxWords()).toList();
            if (candidates.size() < quarter) {
                throw new IllegalArgumentException("the validation split has " + candidates.size() + " "
                        + pair.get(0).label() + "-" + pair.get(1).label() + " sentences of fewer than "
                        + settings.validationMaxWords() + " words, but a validation set of "
                        + settings.validationSize() + " needs " + quarter + " of each pair; ask for a smaller one or "
                        + "label more text");
            }
            int[] chosen = Arrays.copyOf(EpochOrder.shuffled(candidates.size(), settings.seed() + 2, p), quarter);
            Arrays.sort(chosen);
            for (int index : chosen) validation.add(candidates.get(index));
        }
        return validation;
    }
}
