package dev.rein.spark;

import java.io.Serializable;

/**
 * Which columns a job reads and how many rows a partition decodes at once.
 *
 * @param promptColumn the column holding each row's prompt (text)
 * @param keyColumn    the column whose value keys each row's seed ({@link RowSeeds}), or null to key rows by their
 *                     position in the input, added as the column {@value ReinSpark#ROW_INDEX}
 * @param batchSize    rows decoded together in one batch, at least 1
 */
public record RowOptions(String promptColumn, String keyColumn, int batchSize) implements Serializable {
    /** Rows decoded together by default. */
    public static final int DEFAULT_BATCH_SIZE = 8;

    public RowOptions {
        if (promptColumn == null || promptColumn.isBlank()) {
            throw new IllegalArgumentException("the prompt column must be named");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
    }

    /** Prompts in {@code prompt}, rows keyed by position, {@value #DEFAULT_BATCH_SIZE} at a time. */
    public static RowOptions defaults() {
        return new RowOptions("prompt", null, DEFAULT_BATCH_SIZE);
    }

    /** These options with prompts read from {@code column}. */
    public RowOptions withPromptColumn(String column) {
        return new RowOptions(column, keyColumn, batchSize);
    }

    /** These options with rows keyed by {@code column}'s values. */
    public RowOptions withKeyColumn(String column) {
        return new RowOptions(promptColumn, column, batchSize);
    }

    /** These options decoding {@code size} rows at once. */
    public RowOptions withBatchSize(int size) {
        return new RowOptions(promptColumn, keyColumn, size);
    }

    /** The column that keys the rows: the key column, else {@value ReinSpark#ROW_INDEX}. */
    String key() {
        return keyColumn != null ? keyColumn : ReinSpark.ROW_INDEX;
    }
}
