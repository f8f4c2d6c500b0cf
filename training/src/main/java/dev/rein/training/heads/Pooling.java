package dev.rein.training.heads;

import dev.rein.autograd.IndexingFunctions;
import dev.rein.autograd.Variable;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * How the hidden states of a full forward pass, [B, T, H], become one vector per row, [B, H]. Padded positions
 * ({@link TokenBatch#padding()}) never count, whether the batch is padded on the left or the right.
 */
public sealed interface Pooling {

    /**
     * hidden [B, T, H] of {@code batch} (a full pass: its padding covers the T positions) -> [B, H].
     *
     * @throws IllegalArgumentException when the shapes disagree or a row has nothing to pool
     */
    Variable pool(Variable hidden, TokenBatch batch);

    /**
     * The state at the last occurrence of a token in each row: DPH pools at the last {@code <|im_end|>}, the end of
     * the assistant's reply.
     */
    record LastToken(int tokenId) implements Pooling {
        /** @throws IllegalArgumentException for a negative token id */
        public LastToken {
            if (tokenId < 0) {
                throw new IllegalArgumentException("token id must be non-negative, got " + tokenId);
            }
        }

        @Override
        public Variable pool(Variable hidden, TokenBatch batch) {
            long[] ids = batch.ids().toLongArray();
            int t = batch.length();
            return rows(hidden, batch, row -> {
                for (int i = t - 1; i >= 0; i--) {
                    if (ids[row * t + i] == tokenId && isReal(batch, row, i)) {
                        return i;
                    }
                }
                throw new IllegalArgumentException("row " + row + " holds no token " + tokenId
                        + " to pool at (for DPH, append <|im_end|> after a generated reply)");
            });
        }
    }

    /** The state at the last position that is not padding (the last token of each row). */
    record LastReal() implements Pooling {
        @Override
        public Variable pool(Variable hidden, TokenBatch batch) {
            return rows(hidden, batch, row -> {
                for (int i = batch.length() - 1; i >= 0; i--) {
                    if (isReal(batch, row, i)) {
                        return i;
                    }
                }
                throw new IllegalArgumentException("row " + row + " is all padding");
            });
        }
    }

    /** The mean of the states at the positions that are not padding. */
    record Mean() implements Pooling {
        @Override
        public Variable pool(Variable hidden, TokenBatch batch) {
            check(hidden, batch);
            int b = hidden.size(0);
            int t = hidden.size(1);
            float[] mask = new float[b * t];
            float[] counts = new float[b];
            for (int row = 0; row < b; row++) {
                for (int i = 0; i < t; i++) {
                    if (isReal(batch, row, i)) {
                        mask[row * t + i] = 1f;
                        counts[row]++;
                    }
                }
                if (counts[row] == 0) {
                    throw new IllegalArgumentException("row " + row + " is all padding");
                }
            }
            Variable sum = hidden.mul(Variable.constant(Tensor.of(mask, b, t, 1))).sum(1);            // [B, H]
            return sum.div(Variable.constant(Tensor.of(counts, b, 1)));
        }
    }

    /** hidden [B, T, H] -> [B, H], row b taken at position {@code positionOfRow(b)}. */
    private static Variable rows(Variable hidden, TokenBatch batch, IntUnaryOperator positionOfRow) {
        check(hidden, batch);
        int b = hidden.size(0);
        int t = hidden.size(1);
        long[] flat = new long[b];
        for (int row = 0; row < b; row++) {
            flat[row] = (long) row * t + positionOfRow.applyAsInt(row);
        }
        return IndexingFunctions.indexSelect(hidden.reshape(b * t, hidden.size(2)), 0, Tensor.ofLongs(flat, b));
    }

    private static boolean isReal(TokenBatch batch, int row, int position) {
        return batch.padding() == null || !batch.padding()[row][position];
    }

    private static void check(Variable hidden, TokenBatch batch) {
        if (hidden.rank() != 3 || hidden.size(0) != batch.batchSize() || hidden.size(1) != batch.length()) {
            throw new IllegalArgumentException("pooling expects hidden states [" + batch.batchSize() + ", "
                    + batch.length() + ", H] for this batch, got " + Arrays.toString(hidden.shape()));
        }
        boolean[][] padding = batch.padding();
        if (padding != null && padding.length > 0 && padding[0].length != batch.length()) {
            throw new IllegalArgumentException("pooling needs a full pass: the padding covers " + padding[0].length
                    + " positions, the batch " + batch.length());
        }
    }
}
