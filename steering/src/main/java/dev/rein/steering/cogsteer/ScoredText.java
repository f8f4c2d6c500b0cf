package dev.rein.steering.cogsteer;

/**
 * One row of a regression task: a text and the number the regressor should predict for it (STS-B's similarity,
 * a tale's length).
 *
 * @param text   what the regressor reads
 * @param target its number, finite
 */
public record ScoredText(String text, double target) {
    /** @throws IllegalArgumentException when the text is null or the target not finite */
    public ScoredText {
        if (text == null) throw new IllegalArgumentException("a row needs a text");
        if (!Double.isFinite(target)) throw new IllegalArgumentException("a target is a finite number, got " + target);
    }
}
