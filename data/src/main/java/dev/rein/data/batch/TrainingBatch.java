package dev.rein.data.batch;

import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.util.Arrays;

/**
 * One batch of causal language-model training: the tokens the model reads and, per token, the label it is trained
 * on, Hugging Face style: unshifted (the label of position t is the token position t - 1 should predict) and
 * {@link #IGNORED} where no loss is taken (prompts, padding, masked turns).
 *
 * @param tokens ids and positions [B, T] with the padding mask (right padding)
 * @param labels [B, T] I64
 */
public record TrainingBatch(TokenBatch tokens, Tensor labels) {
    /** The label of positions the loss skips, as in PyTorch's and Hugging Face's cross-entropy. */
    public static final int IGNORED = -100;

    public TrainingBatch {
        if (labels.dtype() != DType.I64 || !Arrays.equals(labels.shape(), tokens.ids().shape())) {
            throw new IllegalArgumentException("labels must be I64 of the ids' shape "
                    + Arrays.toString(tokens.ids().shape()) + ", got " + labels.dtype() + " "
                    + Arrays.toString(labels.shape()));
        }
    }

    /** Tokens that are not padding: what the model actually reads. */
    public long tokenCount() {
        boolean[][] padding = tokens.padding();
        long count = (long) tokens.batchSize() * tokens.length();
        if (padding != null) {
            for (boolean[] row : padding) {
                for (boolean padded : row) {
                    count -= padded ? 1 : 0;
                }
            }
        }
        return count;
    }

    /**
     * Positions the loss counts after the shift: labels at positions 1..T-1 that are not {@link #IGNORED} (the
     * first position's label has no earlier position to predict it).
     */
    public long targetCount() {
        long[] all = labels.contiguous().toLongArray();
        int length = tokens.length();
        long count = 0;
        for (int i = 0; i < all.length; i++) {
            count += i % length != 0 && all[i] != IGNORED ? 1 : 0;
        }
        return count;
    }
}
