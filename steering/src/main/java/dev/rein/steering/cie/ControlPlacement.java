package dev.rein.steering.cie;

/**
 * Where one control value enters a pass: row {@code row} of the batch, sequence index {@code position} (left padding
 * included, as {@link dev.rein.models.hooks.HookContext#startPosition} counts), the signal's name and its value.
 */
public record ControlPlacement(int row, int position, String signal, double value) {
    public ControlPlacement {
        if (row < 0 || position < 0) {
            throw new IllegalArgumentException("a control placement needs row and position >= 0, got row " + row
                    + " position " + position);
        }
    }

    /** This placement moved to row {@code newRow}, {@code shift} positions later (left padding). */
    public ControlPlacement moved(int newRow, int shift) {
        return new ControlPlacement(newRow, position + shift, signal, value);
    }
}
