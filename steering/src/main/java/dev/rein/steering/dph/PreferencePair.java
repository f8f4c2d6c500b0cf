package dev.rein.steering.dph;

import java.util.Objects;

/**
 * A prompt with a preferred and a dispreferred reply (the chosen and rejected completions whose rewards r⁺ and r⁻
 * DPH's losses compare).
 *
 * @param line the 1-based line of the file it was read from, for messages; 0 when it was made in code
 */
public record PreferencePair(String prompt, String chosen, String rejected, int line) {
    public PreferencePair {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(rejected, "rejected");
    }

    /** A pair made in code, not read from a file. */
    public static PreferencePair of(String prompt, String chosen, String rejected) {
        return new PreferencePair(prompt, chosen, rejected, 0);
    }

    /** Whether both replies are the same text, so the pair teaches nothing. */
    public boolean identical() {
        return chosen.equals(rejected);
    }
}
