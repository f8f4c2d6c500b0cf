package dev.rein.models.transformer;

/**
 * Which positions a forward pass computes logits for: all of them (scoring, training, analysis), or only the last
 * (generation, where the head's [hidden, vocab] product at every prompt position would be wasted).
 */
public enum Logits {
    /** Logits [B, T, V]. */
    ALL_POSITIONS,
    /** Logits [B, 1, V] of the last position. */
    LAST_POSITION
}
