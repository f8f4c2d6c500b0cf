package dev.rein.data.lm;

import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import dev.rein.data.batch.BatchSource;
import dev.rein.data.batch.DataPosition;
import dev.rein.data.batch.TrainingBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Batches of {@code batchSize} rows (packed blocks or single examples), in an order drawn per epoch from a seed
 * or in file order for evaluation ({@link RowOrder}). Rows are right-padded to the longest row of their batch:
 * pads get {@code padId}, label {@link TrainingBatch#IGNORED} and a padding mark, and positions run 0..T-1 in
 * every row (a right pad comes after every real token, so causal attention never lets a real token see one). The
 * last batch of an epoch holds the rows left over, possibly fewer than {@code batchSize}, as PyTorch's DataLoader
 * does without {@code drop_last}.
 */
public final class RowBatches implements BatchSource {
    private final List<LmExample> rows;
    private final int batchSize;
    private final int padId;
    private final RowOrder rowOrder;
    private DataPosition position = DataPosition.START;
    private int[] order;          // row order of the current epoch
    private int orderEpoch = -1;

    /**
     * @param order a new seeded order every epoch (training), or file order (evaluation)
     * @throws IllegalArgumentException when there are no rows or the batch size is not positive
     */
    public RowBatches(List<LmExample> rows, int batchSize, int padId, RowOrder order) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows to batch: the data is empty or shorter than one block");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be positive, got " + batchSize);
        }
        this.rows = List.copyOf(rows);
        this.batchSize = batchSize;
        this.padId = padId;
        this.rowOrder = Objects.requireNonNull(order, "order");
    }

    /** How examples become rows. */
    public enum Layout {
        /** Concatenated with EOS between them and cut into blocks of the sequence length ({@link Packing}). */
        PACKED,
        /** One example per row, cut to the sequence length, right-padded per batch. */
        PADDED
    }

    /**
     * The examples as rows of at most {@code length} tokens in the given layout, batched.
     *
     * @param eosId the separator between packed documents
     * @param padId the id of padding tokens (packed rows are never padded)
     */
    public static RowBatches of(List<LmExample> examples, Layout layout, int length, int batchSize, int eosId,
                                int padId, RowOrder order) {
        return switch (layout) {
            case PACKED -> packed(examples, eosId, length, batchSize, order);
            case PADDED -> padded(examples, length, padId, batchSize, order);
        };
    }

    /** Documents packed into blocks of {@code blockLength} tokens (see {@link Packing}), batched. */
    public static RowBatches packed(List<LmExample> documents, int eosId, int blockLength, int batchSize,
                                    RowOrder order) {
        return new RowBatches(Packing.pack(documents, eosId, blockLength), batchSize, eosId, order);
    }

    /**
     * One example per row, cut to {@code maxLength} tokens, batched with right padding; examples of fewer than 2
     * tokens are left out (no position has a target).
     */
    public static RowBatches padded(List<LmExample> examples, int maxLength, int padId, int batchSize,
                                    RowOrder order) {
        List<LmExample> rows = new ArrayList<>();
        for (LmExample example : examples) {
            if (example.length() >= 2) {
                rows.add(example.truncated(maxLength));
            }
        }
        return new RowBatches(rows, batchSize, padId, order);
    }

    /** Rows in one epoch. */
    public int rowCount() {
        return rows.size();
    }

    @Override
    public int batchesPerEpoch() {
        return (rows.size() + batchSize - 1) / batchSize;
    }

    @Override
    public DataPosition position() {
        return position;
    }

    @Override
    public void seek(DataPosition target) {
        if (target.batch() >= batchesPerEpoch()) {
            throw new IllegalArgumentException("batch " + target.batch() + " is past the end of an epoch of "
                    + batchesPerEpoch() + " batches");
        }
        position = target;
    }

    @Override
    public TrainingBatch next() {
        int[] epochOrder = orderOf(position.epoch());
        int first = position.batch() * batchSize;
        List<LmExample> batch = new ArrayList<>();
        for (int i = first; i < Math.min(first + batchSize, rows.size()); i++) {
            batch.add(rows.get(epochOrder[i]));
        }
        position = position.next(batchesPerEpoch());
        return collate(batch);
    }

    private int[] orderOf(int epoch) {
        if (epoch != orderEpoch) {
            order = rowOrder.of(rows.size(), epoch);
            orderEpoch = epoch;
        }
        return order;
    }

    /** Rows right-padded to the longest: ids, positions and labels [B, T], padding marks when any row is short. */
    private TrainingBatch collate(List<LmExample> batch) {
        int b = batch.size();
        int t = batch.stream().mapToInt(LmExample::length).max().orElseThrow();
        long[] ids = new long[b * t];
        long[] positions = new long[b * t];
        long[] labels = new long[b * t];
        boolean[][] padding = new boolean[b][t];
        boolean padded = false;
        for (int row = 0; row < b; row++) {
            LmExample example = batch.get(row);
            for (int j = 0; j < t; j++) {
                int at = row * t + j;
                boolean pad = j >= example.length();
                ids[at] = pad ? padId : example.id(j);
                labels[at] = pad ? TrainingBatch.IGNORED : example.label(j);
                positions[at] = j;
                padding[row][j] = pad;
                padded |= pad;
            }
        }
        TokenBatch tokens = new TokenBatch(Tensor.ofLongs(ids, b, t), Tensor.ofLongs(positions, b, t),
                padded ? padding : null);
        return new TrainingBatch(tokens, Tensor.ofLongs(labels, b, t));
    }
}
