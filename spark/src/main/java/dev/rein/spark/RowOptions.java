package dev.rein.spark;

import java.io.Serializable;

/**
 * Which columns a job reads and how many rows a partition decodes at once.
 *
 * @param promptColumn the column holding each row's prompt (text)
 * @param keyColumn    the column whose value keys each row's seed ({@link RowSeeds}), or null to key rows by their
 *                     position in the input, added as the column {@value ReinSpark#ROW_INDEX}
 * @param batchSize    rows decoded together in one batch, at least 1
 * @param partitions   partitions to spread the keyed rows over before the work (0: the input's); the keys are
 *                     given first, so this changes where a row runs, never its output
 */
public record RowOptions(String promptColumn, String keyColumn, int batchSize, int partitions)
        implements Serializable {
    /** Rows decoded together by default. */
    public static final int DEFAULT_BATCH_SIZE = 8;

    public RowOptions {
        if (promptColumn == null || promptColumn.isBlank()) {
            throw new IllegalArgumentException("the prompt column must be named");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("the number of partitions must be at least 0, got " + partitions);
        }
    }

    /** Prompts in {@code prompt}, rows keyed by position, {@value #DEFAULT_BATCH_SIZE} at a time. */
    public static RowOptions defaults() {
        return new RowOptions("prompt", null, DEFAULT_BATCH_SIZE, 0);
    }

    /** These options with prompts read from {@code column}. */
    public RowOptions withPromptColumn(String column) {
        return new RowOptions(column, keyColumn, batchSize, partitions);
    }

    /** These options with rows keyed by {@code column}'s values. */
    public RowOptions withKeyColumn(String column) {
        return new RowOptions(promptColumn, column, batchSize, partitions);
    }

    /** These options decoding {@code size} rows at once. */
    public RowOptions withBatchSize(int size) {
        return new RowOptions(promptColumn, keyColumn, size, partitions);
    }

    /** These options spreading the rows over {@code count} partitions (0: the input's). */
    public RowOptions withPartitions(int count) {
        return new RowOptions(promptColumn, keyColumn, batchSize, count);
    }

    /** The column that keys the rows: the key column, else {@value ReinSpark#ROW_INDEX}. */
    String key() {
        return keyColumn != null ? keyColumn : ReinSpark.ROW_INDEX;
    }
}
