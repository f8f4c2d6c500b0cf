package dev.rein.steering.cie;

import java.util.List;

/**
 * How one {@link LengthMethod} asks for a length: a training row becomes an example with the row's length in it, and
 * a target becomes a prompt. The same object serves training and generation, so both render alike.
 */
public interface LengthControl {
    /** The method this control implements, as a folder of tables records it. */
    LengthMethod method();

    /** The template it renders rows and prompts with. */
    CieTemplate template();

    /** The row as a training example, its length the request; {@code where} names it in errors. */
    ControlledExample example(CieRow row, String where);

    /** The prompt of {@code instruction} asking for {@code words} words; {@code where} names it in errors. */
    ControlledTokens prompt(String instruction, double words, String where);

    /**
     * The control of {@code method}, whose tables' signals are {@code signals} (those of
     * {@link LengthMethod#signals}, their placeholders in {@code placeholders}), rendering with {@code template}.
     *
     * @throws IllegalArgumentException when the signals are not those the method trains, or CIE has several (a
     *                                  length is one signal)
     */
    static LengthControl of(LengthMethod method, List<ControlSignal> signals, CieTemplate template,
                            PlaceholderTokens placeholders) {
        method.requireSignals(signals);
        if (method == LengthMethod.CIE && signals.size() > 1) {
            throw new IllegalArgumentException("a length is one CIE signal, not " + signals.size());
        }
        return switch (method) {
            case CIE -> new CieExamples(template, placeholders, signals.getFirst());
            case BUCKETS -> new BucketTokens(LengthBuckets.matching(signals), template, placeholders);
            case PROMPT -> new InPromptLength(template);
            case NONE -> new NoLengthControl(template);
        };
    }
}
