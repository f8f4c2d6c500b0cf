package dev.rein.steering.cie;

import dev.rein.data.lm.LmExample;
import java.util.Map;

/**
 * CIE rows as training examples and prompts for one signal ({@link LengthMethod#CIE}): the instruction gets the
 * signal's placeholder at its end, the template renders it, and {@link PlaceholderTokens} takes the placeholder out
 * with the row's value.
 */
public final class CieExamples implements LengthControl {
    private final CieTemplate template;
    private final PlaceholderTokens placeholders;
    private final ControlSignal signal;

    public CieExamples(CieTemplate template, PlaceholderTokens placeholders, ControlSignal signal) {
        this.template = template;
        this.placeholders = placeholders;
        this.signal = signal;
    }

    @Override
    public LengthMethod method() {
        return LengthMethod.CIE;
    }

    @Override
    public CieTemplate template() {
        return template;
    }

    /** The row, its length the control value; {@code where} names it in errors ({@code data.jsonl line 3}). */
    @Override
    public ControlledExample example(CieRow row, String where) {
        LmExample example = template.example(row.instruction() + signal.placeholder(), row.answer());
        ControlledTokens taken = placeholders.take(example.ids(), Map.of(signal.name(), (double) row.length()), where);
        return new ControlledExample(new LmExample(taken.ids(), example.labels()), taken.controls());
    }

    /** The prompt of {@code instruction} with the control at {@code value}. */
    @Override
    public ControlledTokens prompt(String instruction, double value, String where) {
        return placeholders.take(template.prompt(instruction + signal.placeholder()), Map.of(signal.name(), value),
                where);
    }
}
