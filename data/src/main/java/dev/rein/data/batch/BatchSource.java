package dev.rein.data.batch;

/**
 * Training or evaluation batches, in an order fixed by where the source stands ({@link DataPosition}), so that a
 * trainer can save the position in a checkpoint and {@link #seek} back to it. The trainer reads batches through
 * this interface; the {@code data} module implements it (packed blocks, padded examples, seeded shuffling).
 */
public interface BatchSource {
    /** The batch at the current position; the position then moves to the next batch, across epochs. */
    TrainingBatch next();

    /** The position of the batch {@link #next} returns next. */
    DataPosition position();

    /**
     * Moves to {@code position}.
     *
     * @throws IllegalArgumentException when the batch index is not below {@link #batchesPerEpoch}
     */
    void seek(DataPosition position);

    /** Batches in one pass over the data (at least 1). */
    int batchesPerEpoch();
}
