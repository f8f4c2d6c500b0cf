package dev.rein.eval.length;

/**
 * Bins of control values of a fixed width, counted from 1 as CIE's validation set is spread: with width 20 the bins
 * are 1–20, 21–40, 41–60, … (a value of 0 has a bin of its own, {@code 0}).
 *
 * @param width how many values a bin spans, at least 1
 */
public record TargetBins(int width) {
    public TargetBins {
        if (width < 1) throw new IllegalArgumentException("a bin width must be at least 1, not " + width);
    }

    /** The label of the bin holding {@code value}, e.g. {@code 21-40}. */
    public String label(int value) {
        int index = Math.floorDiv(value - 1, width);
        int lo = Math.max(0, index * width + 1);
        int hi = (index + 1) * width;
        return lo == hi ? Integer.toString(lo) : lo + "-" + hi;
    }

    /** The lowest value in the bin of {@code value}, so bins sort in order of their values. */
    public int start(int value) {
        return Math.max(0, Math.floorDiv(value - 1, width) * width + 1);
    }
}
