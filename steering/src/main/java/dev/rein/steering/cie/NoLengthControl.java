package dev.rein.steering.cie;

import java.util.List;

/**
 * The no-control baseline ({@link LengthMethod#NONE}): the instruction rendered as it is, in training and in
 * prompts; the length asked for is ignored.
 */
public record NoLengthControl(CieTemplate template) implements LengthControl {
    @Override
    public LengthMethod method() {
        return LengthMethod.NONE;
    }

    @Override
    public ControlledExample example(CieRow row, String where) {
        return new ControlledExample(template.example(row.instruction(), row.answer()), List.of());
    }

    @Override
    public ControlledTokens prompt(String instruction, double words, String where) {
        return new ControlledTokens(template.prompt(instruction), List.of());
    }
}
