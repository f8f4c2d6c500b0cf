package dev.rein.spark;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The columns Rein's jobs add to their input rows, and the check that the input has none of them already. */
final class OutputColumns {
    /**
     * What generation adds, in this order: the continuation, the prompt's and the continuation's token counts, why
     * it ended, the row's seed, which sample it is, and why the row has no continuation (null when it has one).
     */
    static final List<StructField> GENERATED = List.of(
            DataTypes.createStructField("text", DataTypes.StringType, true),
            DataTypes.createStructField("prompt_tokens", DataTypes.IntegerType, true),
            DataTypes.createStructField("generated_tokens", DataTypes.IntegerType, true),
            DataTypes.createStructField("finish_reason", DataTypes.StringType, true),
            DataTypes.createStructField("seed", DataTypes.LongType, false),
            DataTypes.createStructField("sample", DataTypes.IntegerType, false),
            DataTypes.createStructField("error", DataTypes.StringType, true));

    private OutputColumns() {
    }

    /** {@code input} with {@code added} after its columns. */
    static StructType with(StructType input, List<StructField> added) {
        for (StructField field : added) {
            if (List.of(input.fieldNames()).contains(field.name())) {
                throw new IllegalArgumentException("the input already has a column " + field.name() + ", which the "
                        + "job adds; rename or drop it");
            }
            input = input.add(field);
        }
        return input;
    }

    /** Checks that {@code schema} has the text column {@code name}. */
    static void requireText(StructType schema, String name, String role) {
        if (!List.of(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("the input has no column " + name + " (the " + role + "); its columns: "
                    + String.join(", ", schema.fieldNames()));
        }
        if (!schema.apply(name).dataType().equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("the column " + name + " (the " + role + ") holds "
                    + schema.apply(name).dataType().simpleString() + ", expected text");
        }
    }
}
