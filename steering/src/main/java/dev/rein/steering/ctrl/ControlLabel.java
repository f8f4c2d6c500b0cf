package dev.rein.steering.ctrl;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A label of labelled JSONL ({@link ToxicityLabel}, {@link SentimentLabel}): its spelling in a row and the control
 * token that stands for it in training and generation.
 */
public interface ControlLabel {
    /** The label's spelling in labelled JSONL, e.g. {@code nontoxic}. */
    String label();

    /** The control token, e.g. {@code <|nontoxic|>}. */
    String token();

    /**
     * The value of {@code kind} spelt {@code label}.
     *
     * @throws IllegalArgumentException naming the spellings there are
     */
    static <L extends Enum<L> & ControlLabel> L parse(Class<L> kind, String label) {
        L[] values = kind.getEnumConstants();
        for (L value : values) {
            if (value.label().equals(label)) {
                return value;
            }
        }
        throw new IllegalArgumentException("expected " + Arrays.stream(values).map(v -> "\"" + v.label() + "\"")
                .collect(Collectors.joining(", ")) + ", found \"" + label + "\"");
    }
}
