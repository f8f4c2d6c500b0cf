package dev.rein.data.batch;

/**
 * Where a {@link BatchSource} stands: the next batch to read is batch {@code batch} of epoch {@code epoch}. Batch
 * order within an epoch is a function of the seed and the epoch alone, so this pair is all a checkpoint needs to
 * continue the data exactly where it stopped.
 */
public record DataPosition(int epoch, int batch) {
    public static final DataPosition START = new DataPosition(0, 0);

    public DataPosition {
        if (epoch < 0 || batch < 0) {
            throw new IllegalArgumentException("a data position is not negative, got epoch " + epoch + " batch "
                    + batch);
        }
    }

    /** The position after this one, in an epoch of {@code batchesPerEpoch} batches. */
    public DataPosition next(int batchesPerEpoch) {
        return batch + 1 < batchesPerEpoch ? new DataPosition(epoch, batch + 1) : new DataPosition(epoch + 1, 0);
    }
}
