package dev.rein.models.transformer;

import dev.rein.formats.config.ModelConfig;
import dev.rein.tensor.Tensor;

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
