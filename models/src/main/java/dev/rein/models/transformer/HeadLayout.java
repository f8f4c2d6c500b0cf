package dev.rein.models.transformer;

import dev.rein.formats.config.ModelConfig;

/**
 * How a block splits attention into heads: {@code heads} query heads and {@code kvHeads} key/value heads (fewer with
 * grouped-query attention: query head h reads key/value head h / (heads / kvHeads)), each {@code headDim} wide.
 */
public record HeadLayout(int heads, int kvHeads, int headDim) {

    static HeadLayout of(ModelConfig config) {
        var attention = config.attention();
        return new HeadLayout(attention.numHeads(), attention.numKvHeads(), attention.headDim());
    }

    /** heads * headDim: the width of all queries (and of the output projection's input). */
    public int queryWidth() {
        return heads * headDim;
    }

    /** kvHeads * headDim: the width of all keys, and of all values. */
    public int kvWidth() {
        return kvHeads * headDim;
    }

    /** Where the keys start in the output of a fused query/key/value projection (after the queries). */
    public int keyOffset() {
        return queryWidth();
    }

    /** Where the values start in the output of a fused query/key/value projection (after the keys). */
    public int valueOffset() {
        return queryWidth() + kvWidth();
    }
}
