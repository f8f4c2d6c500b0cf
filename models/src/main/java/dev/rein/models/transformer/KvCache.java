package dev.rein.models.transformer;

import dev.rein.formats.config.ModelConfig;
import dev.rein.tensor.Tensor;
import java.util.List;

/**
 * Keys and values of the positions already processed, per layer, so that each generation step computes only the new
 * token. Each layer holds keys and values [B, Hkv, capacity, D] in F32; keys are stored after rotary embedding.
 */
public final class KvCache {
    private final Tensor[] keys;
    private final Tensor[] values;
    private final int capacity;
    private int length;

    public KvCache(ModelConfig config, int batch, int capacity) {
        int layers = config.numLayers();
        int heads = config.attention().numKvHeads();
        int headDim = config.attention().headDim();
        this.keys = new Tensor[layers];
        this.values = new Tensor[layers];
        this.capacity = capacity;
        for (int i = 0; i < layers; i++) {
            keys[i] = Tensor.zeros(batch, heads, capacity, headDim);
            values[i] = Tensor.zeros(batch, heads, capacity, headDim);
        }
    }

    /**
     * One row of a cache: the positions [{@code from}, length) of {@code row} in {@code cache}, the part of that row
     * that is not padding.
     */
    public record CachedRow(KvCache cache, int row, int from) {
        /** Positions the row holds. */
        public int count() {
            return cache.length - from;
        }
    }

    /**
     * A new cache of {@code rows.size()} rows whose row r holds {@code rows.get(r)}'s positions, moved to the end of
     * the cached length and padded on the left (the length is the longest row's count). Keys are stored after rotary
     * embedding, so a position keeps its meaning wherever it lies; the caller marks the left padding of the next
     * passes. This lets a batch take new rows and drop finished ones between generation steps.
     *
     * @param capacity positions the new cache holds, at least the longest row's count
     */
    public static KvCache gather(ModelConfig config, List<CachedRow> rows, int capacity) {
        int length = rows.stream().mapToInt(CachedRow::count).max().orElse(0);
        if (capacity < length) {
            throw new IllegalArgumentException("capacity " + capacity + " is below the longest row, " + length);
        }
        KvCache gathered = new KvCache(config, rows.size(), capacity);
        for (int r = 0; r < rows.size(); r++) {
            CachedRow source = rows.get(r);
            int count = source.count();
            for (int layer = 0; layer < gathered.keys.length; layer++) {
                gathered.keys[layer].select(0, r).narrow(1, length - count, count)
                        .copyFrom(source.cache.keys[layer].select(0, source.row).narrow(1, source.from, count));
                gathered.values[layer].select(0, r).narrow(1, length - count, count)
                        .copyFrom(source.cache.values[layer].select(0, source.row).narrow(1, source.from, count));
            }
        }
        gathered.length = length;
        return gathered;
    }

    /** Positions cached so far (padding included). */
    public int length() {
        return length;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Writes this pass's keys and values [B, Hkv, T, D] of one layer after the cached ones and returns views of all
     * [B, Hkv, length + T, D]. {@link #advance} moves the length once every layer has stored.
     */
    Tensor[] store(int layer, Tensor k, Tensor v) {
        int t = k.size(2);
        if (length + t > capacity) {
            throw new IllegalStateException("KV cache full: " + length + " cached + " + t + " new > capacity "
                    + capacity);
        }
        keys[layer].narrow(2, length, t).copyFrom(k);
        values[layer].narrow(2, length, t).copyFrom(v);
        return new Tensor[] {keys[layer].narrow(2, 0, length + t), values[layer].narrow(2, 0, length + t)};
    }

    void advance(int t) {
        length += t;
    }
}
