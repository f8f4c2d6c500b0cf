package dev.rein.eval.length;

/**
 * The length a CIE prediction was asked for, in words: an exact count ({@code ans_len} in the CIE benchmarks) or a
 * range [min, max] (the {@code validation_ranges} benchmark).
 */
public sealed interface LengthTarget {
    /** How far {@code words} is from the target: |words − target|, or the distance to the nearer end of the range. */
    int distance(int words);

    /** A target of exactly {@code words} words. */
    record Exact(int words) implements LengthTarget {
        public Exact {
            if (words < 0) throw new IllegalArgumentException("a word count target must be at least 0, not " + words);
        }

        @Override
        public int distance(int count) {
            return Math.abs(count - words);
        }
    }

    /** A target of {@code min} to {@code max} words, both included. */
    record Range(int min, int max) implements LengthTarget {
        public Range {
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("a word range needs 0 <= min <= max, not [" + min + ", " + max + "]");
            }
        }

        @Override
        public int distance(int count) {
            return count < min ? min - count : Math.max(0, count - max);
        }
    }
}
