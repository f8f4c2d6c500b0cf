package dev.rein.steering.cie;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * CIE's in-prompt baseline ({@link LengthMethod#PROMPT}): the length is asked for in words, "{@value #REQUEST}" with
 * N the target appended to the instruction, and the model is fine-tuned on the same rows as CIE with that text
 * instead of the placeholder. No control table is involved, so its examples and prompts carry no controls.
 */
public final class InPromptLength implements LengthControl {
    /** The request appended to the instruction, N the number of words. */
    public static final String REQUEST = "Answer using %d words.";
    private final CieTemplate template;

    public InPromptLength(CieTemplate template) {
        this.template = Objects.requireNonNull(template, "template");
    }

    @Override
    public LengthMethod method() {
        return LengthMethod.PROMPT;
    }

    @Override
    public CieTemplate template() {
        return template;
    }

    /** The instruction with the request for {@code words} words: {@code instruction + " Answer using N words."}. */
    public static String request(String instruction, int words) {
        return instruction + " " + String.format(Locale.ROOT, REQUEST, words);
    }

    /** The row as a training example, the request giving the row's length. */
    @Override
    public ControlledExample example(CieRow row, String where) {
        return new ControlledExample(template.example(request(row.instruction(), row.length()), row.answer()),
                List.of());
    }

    /** The prompt asking for {@code words} words, rounded to a whole number. */
    @Override
    public ControlledTokens prompt(String instruction, double words, String where) {
        return new ControlledTokens(template.prompt(request(instruction, (int) Math.round(words))), List.of());
    }
}
