package dev.rein.formats.layout;

import dev.rein.tensor.Tensor;

/**
 * Reorders the rows of a query or key projection between Meta's rotary convention and Hugging Face's. llama2.c
 * and llama.cpp's GGUF files of Llama-style models (like Meta's Llama) rotate the feature pairs (2i, 2i+1) of each
 * head; Hugging Face's Llama rotates the pairs (i, i + head_dim/2) ({@code rotate_half}). Moving, within each head,
 * the even rows to the first half and the odd rows to the second half makes the two conventions compute the same
 * attention. This is the {@code permute} of
 * transformers' {@code convert_llama_weights_to_hf.py}:
 * {@code w.view(n_heads, dim1 // n_heads // 2, 2, dim2).transpose(1, 2).reshape(dim1, dim2)}.
 */
public final class RotaryPermutation {
    private RotaryPermutation() {
    }

    /**
     * The rows of {@code weight} ([heads * head_dim, in]) in Hugging Face's order: a new contiguous tensor (or,
     * when head_dim is 2 and the order is unchanged, possibly a view of {@code weight}).
     */
    public static Tensor toHalfSplit(Tensor weight, int heads) {
        int rows = weight.size(0);
        int columns = weight.size(1);
        return weight.view(heads, rows / heads / 2, 2, columns).transpose(1, 2).reshape(rows, columns);
    }

    /**
     * The inverse of {@link #toHalfSplit}: the rows of {@code weight} ([heads * head_dim, in]) in Meta's interleaved
     * order, as llama.cpp's converter writes them ({@code LlamaModel.permute}).
     */
    public static Tensor toInterleaved(Tensor weight, int heads) {
        int rows = weight.size(0);
        int columns = weight.size(1);
        return weight.view(heads, 2, rows / heads / 2, columns).transpose(1, 2).reshape(rows, columns);
    }
}
