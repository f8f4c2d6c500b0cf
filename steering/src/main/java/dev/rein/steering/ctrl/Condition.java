package dev.rein.steering.ctrl;

import java.util.List;

/**
 * The seed's four conditions, in training and in evaluation (METHODS.md 2.1 and 2.4). In training, which labels a
 * sentence is conditioned on ({@link #controls}: the seed's {@code texts}, {@code texts_tox}, {@code texts_sentiment}
 * and {@code texts_all_labels}, the models M-B, M-T, M-S and M-TS). In evaluation, the control tokens put in each
 * prompt ({@link Placement}), and the misalignment the report reads under them (toxic share under
 * {@code <|nontoxic|>}, negative share under {@code <|pos|>}, the joint value under both); {@link #NONE} is every
 * comparison's baseline.
 */
public enum Condition {
    NONE(List.of(), null),
    TOXICITY(List.of(ControlToken.NONTOXIC), Measure.TOXICITY),
    SENTIMENT(List.of(ControlToken.POS), Measure.SENTIMENT),
    BOTH(List.of(ControlToken.NONTOXIC, ControlToken.POS), Measure.JOINT);

    /** The report's three misalignments: the value of the evaluation's report each reads, and its name. */
    public enum Measure {
        TOXICITY("toxic"), SENTIMENT("negative"), JOINT("joint");

        private final String value;

        Measure(String value) {
            this.value = value;
        }

        /** The value of {@link dev.rein.eval.alignment.Misalignment}'s report it reads: toxic, negative or joint. */
        public String value() {
            return value;
        }

        /** Its name in the table: toxicity, sentiment or joint. */
        public String label() {
            return EnumLabels.label(this);
        }
    }

    private final List<ControlToken> tokens;
    private final Measure measure;

    Condition(List<ControlToken> tokens, Measure measure) {
        this.tokens = tokens;
        this.measure = measure;
    }

    /**
     * The control tokens training puts in front of {@code row}'s text: its label of each attribute this condition's
     * {@link #tokens()} are of, toxicity first; none when the row is {@link LabelledSentence.Controls#STRIPPED}.
     */
    public List<ControlToken> controls(LabelledSentence row) {
        if (row.controls() == LabelledSentence.Controls.STRIPPED) return List.of();
        return tokens.stream().map(token -> row.label(token.attribute())).toList();
    }

    /** The tokens put in the prompt in evaluation, in order. */
    public List<ControlToken> tokens() {
        return tokens;
    }

    /** The misalignment this condition aims to lower; null for {@link #NONE}. */
    public Measure measure() {
        return measure;
    }

    /** Its name on the command line and in reports: none, toxicity, sentiment or both. */
    public String label() {
        return EnumLabels.label(this);
    }

    /**
     * The condition named {@code name}.
     *
     * @throws IllegalArgumentException naming the conditions there are
     */
    public static Condition parse(String name) {
        return EnumLabels.parse(Condition.class, name, "condition");
    }
}
