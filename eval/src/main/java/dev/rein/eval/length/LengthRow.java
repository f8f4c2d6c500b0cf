package dev.rein.eval.length;

import java.util.Objects;

/**
 * One row of a length-control benchmark: the instruction a method answers and the length it is asked for, with the
 * row's line in its file so that errors and per-row outputs can name it.
 *
 * @param line        the 1-based line of the row in its file (0 when the row did not come from a file)
 * @param instruction the instruction text, as the benchmark gives it
 * @param target      the exact word count or [min, max] range asked for
 */
public record LengthRow(int line, String instruction, LengthTarget target) {
    public LengthRow {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(target, "target");
    }

    /**
     * The control value the row asks for: the exact word count, or a range's max (CIE's evaluation gives a range row
     * {@code max_len} as its value). Bins, the unseen split, Spearman's rho and the sweep plot use it.
     */
    public int value() {
        return switch (target) {
            case LengthTarget.Exact exact -> exact.words();
            case LengthTarget.Range range -> range.max();
        };
    }
}
