package dev.rein.steering.cie;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The ways of asking a fine-tuned model for a length that CIE is compared with (METHODS.md 1.5's baselines), each
 * trained on the same rows: {@link #CIE} (the interpolated embedding), {@link #BUCKETS} (a learned token per bucket
 * of lengths), {@link #PROMPT} (the length written into the instruction) and {@link #NONE} (no control at all). A
 * folder of tables records which one trained it ({@link ControlTableFiles}).
 */
public enum LengthMethod {
    CIE, PROMPT, BUCKETS, NONE;

    /** The method's name in files, reports and on the command line: {@code cie}, {@code prompt}, .... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The method named {@code id}.
     *
     * @throws IllegalArgumentException naming the known methods when there is none of that name
     */
    public static LengthMethod of(String id) {
        return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown length method \"" + id + "\"; expected one of "
                        + Arrays.stream(values()).map(LengthMethod::id).toList()));
    }

    /**
     * The signals this method trains a table for: CIE's {@code length}; one per bucket of {@code bucketWidth} words
     * up to {@code length}'s maximum; none for the prompt and no control.
     */
    public List<ControlSignal> signals(ControlSignal length, int bucketWidth) {
        return switch (this) {
            case CIE -> List.of(length);
            case BUCKETS -> new LengthBuckets(bucketWidth, (int) Math.ceil(length.max())).signals();
            case PROMPT, NONE -> List.of();
        };
    }

    /**
     * Checks that {@code signals} are those this method trains: at least one for CIE (several signals may share a
     * folder of tables), the buckets' for buckets
     * ({@link LengthBuckets#matching}), none for the others.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public void requireSignals(List<ControlSignal> signals) {
        switch (this) {
            case CIE -> {
                if (signals.isEmpty()) {
                    throw new IllegalArgumentException("the cie method needs a control signal");
                }
            }
            case BUCKETS -> LengthBuckets.matching(signals);
            case PROMPT, NONE -> {
                if (!signals.isEmpty()) {
                    throw new IllegalArgumentException("the " + id() + " method has no control signal, not "
                            + signals.size());
                }
            }
        }
    }
}
