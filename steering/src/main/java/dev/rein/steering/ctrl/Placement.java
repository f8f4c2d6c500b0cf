package dev.rein.steering.ctrl;

import java.util.List;

/**
 * Where the control tokens go in a prompt at generation time. Training ({@link ControlTokenFormat}) puts them at
 * the start of every sequence, right after the tokenizer's BOS, so {@link #START} is where the model learnt them
 * (conditional MLE as in CTRL and Korbak et al. 2023, the method's intent). {@link #AFTER_PROMPT} is where the
 * seed's evaluation put them (METHODS.md 2.1), a position no training sequence has them in.
 */
public enum Placement {
    /** Before the prompt: {@code <|nontoxic|><|pos|>prompt}, right after BOS once encoded. */
    START,
    /** After the prompt, as the seed's evaluation: {@code prompt<|nontoxic|><|pos|>}. */
    AFTER_PROMPT;

    /** The text to encode: {@code prompt} with {@code tokens} at this place. */
    public String prompt(String prompt, List<ControlToken> tokens) {
        String controls = ControlToken.texts(tokens);
        return this == START ? controls + prompt : prompt + controls;
    }

    /** The name on the command line and in reports: {@code start} or {@code after-prompt}. */
    public String label() {
        return EnumLabels.label(this);
    }

    /**
     * The placement a user names ({@code start} or {@code after-prompt}).
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static Placement parse(String name) {
        return EnumLabels.parse(Placement.class, name, "placement");
    }
}
