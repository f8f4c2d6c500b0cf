package dev.rein.formats.config;

/**
 * Which keys a decoder layer's attention sees: all earlier positions, or only the last {@code sliding_window} ones.
 * Hugging Face names them {@code full_attention} and {@code sliding_attention} in {@code layer_types}.
 */
public enum LayerType {
    FULL("full_attention"),
    SLIDING("sliding_attention");

    private final String hfName;

    LayerType(String hfName) {
        this.hfName = hfName;
    }

    /** The name used in {@code layer_types}. */
    public String hfName() {
        return hfName;
    }
}
