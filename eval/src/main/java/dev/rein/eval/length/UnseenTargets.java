package dev.rein.eval.length;

import java.util.Set;
import java.util.TreeSet;

/**
 * The control values a method never saw in training (a band held out of the training set, say 60–80 words), so that
 * {@link LengthEvaluation} reports how a method generalises to them apart from the rest.
 */
public sealed interface UnseenTargets {
    /** Whether a row with control value {@code value} ({@link LengthRow#value()}) is unseen. */
    boolean contains(int value);

    /** How the set is written in reports, e.g. {@code 60-80} or {@code [7, 13, 99]}. */
    String describe();

    /** Exactly the values {@code values}. */
    static UnseenTargets values(Set<Integer> values) {
        return new Values(Set.copyOf(values));
    }

    /** Every value from {@code lo} to {@code hi}, both included. */
    static UnseenTargets band(int lo, int hi) {
        return new Band(lo, hi);
    }

    /** A set of single values. */
    record Values(Set<Integer> values) implements UnseenTargets {
        public Values {
            if (values.isEmpty()) throw new IllegalArgumentException("the set of unseen values is empty");
            values = Set.copyOf(values);
        }

        @Override
        public boolean contains(int value) {
            return values.contains(value);
        }

        @Override
        public String describe() {
            return new TreeSet<>(values).toString();
        }
    }

    /** A band [lo, hi] of values. */
    record Band(int lo, int hi) implements UnseenTargets {
        public Band {
            if (hi < lo) {
                throw new IllegalArgumentException("an unseen band needs lo <= hi, not [" + lo + ", " + hi + "]");
            }
        }

        @Override
        public boolean contains(int value) {
            return value >= lo && value <= hi;
        }

        @Override
        public String describe() {
            return lo + "-" + hi;
        }
    }
}
