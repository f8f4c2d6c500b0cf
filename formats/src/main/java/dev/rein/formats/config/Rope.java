package dev.rein.formats.config;

/**
 * Rotary position embedding settings of one kind of layer: the base {@code theta} of the frequencies
 * theta^(-2i/head_dim) and how they are scaled.
 */
public record Rope(double theta, RopeScaling scaling) {
}
