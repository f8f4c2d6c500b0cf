package dev.rein.formats.config;

/** How a model learns where each token is: GPT-2's learned table, or rotary embeddings in every attention layer. */
public sealed interface PositionEncoding {

    /** GPT-2: a learned table of {@link ModelConfig#maxPositions()} vectors added to the token embeddings. */
    record Learned() implements PositionEncoding {
    }

    /**
     * Rotary embeddings applied to queries and keys. Full-attention layers use {@code fullAttention}, sliding-window
     * layers {@code slidingAttention}; the two differ only for Gemma 3, whose sliding layers use
     * {@code rope_local_base_freq} and no scaling.
     */
    record Rotary(Rope fullAttention, Rope slidingAttention) implements PositionEncoding {

        /** The settings of a layer of the given type. */
        public Rope forLayer(LayerType type) {
            return type == LayerType.SLIDING ? slidingAttention : fullAttention;
        }
    }
}
