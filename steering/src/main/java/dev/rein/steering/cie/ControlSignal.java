package dev.rein.steering.cie;

import java.util.Objects;

/**
 * One continuous control: its name, the placeholder string that marks where it enters a prompt, and the range its
 * values are clamped to. A value v becomes the interpolation weight c = (clamp(v, min, max) − min) / (max − min)
 * in [0, 1]; the injected embedding is c·E[0] + (1 − c)·E[1] (row 0 the "high" end, row 1 the "low" end).
 *
 * @param name        the signal's name, e.g. {@code length} (names a table in saved files and in several-signal use)
 * @param placeholder the placeholder text, added to the tokenizer as a special token, e.g. {@code <embedding>}
 * @param min         the value that maps to c = 0
 * @param max         the value that maps to c = 1 (values above saturate)
 */
public record ControlSignal(String name, String placeholder, double min, double max) {
    /** The paper's placeholder. */
    public static final String DEFAULT_PLACEHOLDER = "<embedding>";

    public ControlSignal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(placeholder, "placeholder");
        if (name.isBlank() || placeholder.isBlank()) {
            throw new IllegalArgumentException("a control signal needs a name and a placeholder, got \"" + name
                    + "\" and \"" + placeholder + "\"");
        }
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new IllegalArgumentException("signal " + name + " needs finite min < max, got [" + min + ", "
                    + max + "]");
        }
    }

    /** The paper's length signal: the answer's length in words, clamped to [1, 200], marked by {@code <embedding>}. */
    public static ControlSignal length() {
        return new ControlSignal("length", DEFAULT_PLACEHOLDER, 1, 200);
    }

    /**
     * The interpolation weight c of {@code value}: (clamp(value, min, max) − min) / (max − min).
     *
     * @throws IllegalArgumentException for a value that is not a finite number
     */
    public double weight(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("signal " + name + " needs a finite value, got " + value);
        }
        return (Math.clamp(value, min, max) - min) / (max - min);
    }
}
