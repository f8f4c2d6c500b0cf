package dev.rein.spark;

import java.io.Serializable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructType;

/**
 * Keys the rows of a job and reads a row's prompt and seed. Without a key column each row is keyed by its position in
 * the input ({@value ReinSpark#ROW_INDEX}, 0-based, in the order of the input's partitions: a file's line order),
 * which stays the same however often the job, or a task of it, runs on the same input.
 */
final class RowKeys implements Serializable {
    private final int promptField;
    private final int keyField;
    private final boolean numericKey;
    private final String keyColumn;
    private final long jobSeed;

    private RowKeys(StructType schema, RowOptions options, long jobSeed) {
        this.promptField = schema.fieldIndex(options.promptColumn());
        this.keyColumn = options.key();
        this.keyField = schema.fieldIndex(keyColumn);
        this.numericKey = schema.fields()[keyField].dataType() instanceof IntegralType;
        this.jobSeed = jobSeed;
    }

    /** How rows of {@code keyed} (from {@link #keyed}) are read. */
    static RowKeys of(Dataset<Row> keyed, RowOptions options, long jobSeed) {
        return new RowKeys(keyed.schema(), options, jobSeed);
    }

    /**
     * {@code rows} with the column {@value ReinSpark#ROW_INDEX} added, unless a key column keys them, then spread over
     * the options' partitions.
     */
    static Dataset<Row> keyed(Dataset<Row> rows, RowOptions options) {
        Dataset<Row> keyed = options.keyColumn() != null ? rows : indexed(rows);
        boolean spread = options.partitions() > 0 && keyed.rdd().getNumPartitions() != options.partitions();
        return spread ? keyed.repartition(options.partitions()) : keyed;
    }

    /** {@code rows} with their position as the last column. */
    private static Dataset<Row> indexed(Dataset<Row> rows) {
        int width = rows.schema().size();
        StructType schema = rows.schema().add(ReinSpark.ROW_INDEX, DataTypes.LongType, false);
        JavaRDD<Row> indexed = rows.javaRDD().zipWithIndex().map(pair -> {
            Object[] values = new Object[width + 1];
            for (int i = 0; i < width; i++) {
                values[i] = pair._1().get(i);
            }
            values[width] = pair._2();
            return RowFactory.create(values);
        });
        return rows.sparkSession().createDataFrame(indexed, schema);
    }

    /** The prompt and seed of {@code row}, or why it has none. */
    PromptRow read(Row row) {
        if (row.isNullAt(keyField)) {
            return new PromptRow(null, 0, "missing key " + keyColumn);
        }
        long seed = numericKey ? RowSeeds.of(jobSeed, ((Number) row.get(keyField)).longValue())
                : RowSeeds.of(jobSeed, String.valueOf(row.get(keyField)));
        return row.isNullAt(promptField) ? new PromptRow(null, seed, null)
                : PromptRow.of(row.getString(promptField), seed);
    }
}
