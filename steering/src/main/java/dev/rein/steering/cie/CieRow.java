package dev.rein.steering.cie;

import java.util.Objects;

/**
 * One CIE training or evaluation row: an instruction, a reference answer and the target length in words
 * ({@code ans_len}), which is the control value of the {@code length} signal.
 *
 * @param instruction the user's instruction, without placeholder
 * @param answer      the reference answer
 * @param length      the target length in words (CIE's {@code ans_len})
 */
public record CieRow(String instruction, String answer, int length) {
    public CieRow {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(answer, "answer");
        if (length < 0) {
            throw new IllegalArgumentException("a target length must be at least 0, not " + length);
        }
    }
}
