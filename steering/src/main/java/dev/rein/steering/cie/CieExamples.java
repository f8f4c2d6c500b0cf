package dev.rein.steering.cie;

import dev.rein.data.lm.LmExample;
import java.util.List;
import java.util.Map;

/**
 * CIE rows as training examples and prompts for one signal: the instruction gets the signal's placeholder at its
 * end, the template renders it, and {@link PlaceholderTokens} takes the placeholder out with the row's value.
 */
public final class CieExamples {
    private final CieTemplate template;
    private final PlaceholderTokens placeholders;
    private final ControlSignal signal;

    public CieExamples(CieTemplate template, PlaceholderTokens placeholders, ControlSignal signal) {
        this.template = template;
        this.placeholders = placeholders;
        this.signal = signal;
    }

    /** The row, its length the control value; {@code where} names it in errors ({@code data.jsonl line 3}). */
    public ControlledExample controlled(CieRow row, String where) {
        LmExample example = template.example(row.instruction() + signal.placeholder(), row.answer());
        ControlledTokens taken = placeholders.take(example.ids(), Map.of(signal.name(), (double) row.length()), where);
        return new ControlledExample(new LmExample(taken.ids(), example.labels()), taken.controls());
    }

    /** The prompt of {@code instruction} with the control at {@code value}. */
    public ControlledTokens prompt(String instruction, double value, String where) {
        return placeholders.take(template.prompt(instruction + signal.placeholder()), Map.of(signal.name(), value),
                where);
    }

    /** A baseline's example: {@code userText} rendered as it is, no placeholder, no control. */
    public ControlledExample uncontrolled(String userText, String answer) {
        return new ControlledExample(template.example(userText, answer), List.of());
    }

    /** A baseline's prompt: {@code userText} rendered as it is, no control. */
    public ControlledTokens uncontrolledPrompt(String userText) {
        return new ControlledTokens(template.prompt(userText), List.of());
    }
}
