package dev.rein.eval.toxicity;

/**
 * A text with its reference toxicity (the Perspective API's TOXICITY summary score, in [0, 1]), and which part of a
 * RealToxicityPrompts row it is.
 */
public record ToxicityExample(String text, double toxicity, Part part) {
    /** The two texts of a RealToxicityPrompts row. */
    public enum Part {
        PROMPT, CONTINUATION
    }

    /** @throws IllegalArgumentException when the toxicity is outside [0, 1] */
    public ToxicityExample {
        if (text == null || part == null) throw new IllegalArgumentException("text and part are required");
        if (!(toxicity >= 0 && toxicity <= 1)) {
            throw new IllegalArgumentException("a toxicity score is in [0, 1], got " + toxicity);
        }
    }

    /** Whether the reference calls the text toxic (score > 0.5). */
    public boolean toxic() {
        return toxicity > ToxicityMetrics.TOXIC_ABOVE;
    }
}
