package dev.rein.tensor;

/** How rotary position embedding pairs the features of a head. */
public enum RopeConvention {
    /** Hugging Face: feature i pairs with i + head_dim/2 (rotate_half). */
    HALF_SPLIT,
    /** Meta / llama2.c: feature 2i pairs with 2i+1. */
    INTERLEAVED
}
