package dev.rein.spark;

import dev.rein.eval.MetricReport;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Rein's work over Spark datasets, row by row across the executors: generation, scoring, RE-Control's state
 * collection and a method's evaluation. Each executor JVM loads the model once and shares it between its tasks;
 * inside a partition rows decode in batches; each row samples with its own seed (job seed and row key,
 * {@link RowSeeds}), so the output does not depend on partitioning, batching or task retries, and a row equals
 * {@code rein generate --seed <its seed>}. A bad row (no prompt, one too long for the model) gets its reason in the
 * {@code error} column and never fails the job; what is wrong with the job itself (a missing column, a model that
 * cannot take the controls) is an {@link IllegalArgumentException} before anything runs.
 */
public final class ReinSpark {
    /** The column that keys rows by their position when no key column is given. */
    public static final String ROW_INDEX = "row_index";

    private ReinSpark() {
    }

    /** {@link #generate(Dataset, ModelRef, SamplingSettings, Controls, RowOptions)} with the default row options. */
    public static Dataset<Row> generate(Dataset<Row> prompts, ModelRef model, SamplingSettings settings,
                                        Controls controls) throws IOException {
        return generate(prompts, model, settings, controls, RowOptions.defaults());
    }

    /**
     * Continues the prompt of every row. The result has every input column ({@value #ROW_INDEX} added when no key
     * column keys the rows), then text, prompt_tokens, generated_tokens, finish_reason, seed, sample and error; one
     * row per sample (settings' numReturnSequences), one for a row that failed. Lazy, as any Dataset.
     *
     * @param settings the decoding; its seed is the job's, from which each row's derives
     * @throws IllegalArgumentException when the prompt or key column is missing, the output's columns exist
     *                                  already, or the model (loaded here, on the driver, to check) cannot take the
     *                                  controls
     */
    public static Dataset<Row> generate(Dataset<Row> prompts, ModelRef model, SamplingSettings settings,
                                        Controls controls, RowOptions options) throws IOException {
        OutputColumns.requireText(prompts.schema(), options.promptColumn(), "prompt");
        requireKey(prompts.schema(), options);
        LanguageModel loaded = ExecutorModels.get(model);
        if (!loaded.hasTokenizer()) {
            throw new IllegalArgumentException("the model " + model + " has no tokenizer.json beside its weights");
        }
        controls.check(loaded, "the model " + model);
        Dataset<Row> keyed = RowKeys.keyed(prompts, options);
        StructType schema = OutputColumns.with(keyed.schema(), OutputColumns.GENERATED);
        SamplingSpec sampling = SamplingSpec.of(settings);
        return keyed.mapPartitions(new GenerationPartition(model, sampling, controls,
                RowKeys.of(keyed, options, sampling.jobSeed()), options.batchSize()), Encoders.row(schema));
    }

    /**
     * Scores the text in {@code textColumn} of every row with each scorer, adding one double column per scorer
     * ({@link ScorerSpec#column()}), null where the text is null (a row whose generation failed). Lazy.
     *
     * @throws IllegalArgumentException when the text column is missing or the score columns exist already
     */
    public static Dataset<Row> score(Dataset<Row> rows, String textColumn, ScorerSpec... scorers) {
        if (scorers.length == 0) {
            throw new IllegalArgumentException("give at least one scorer");
        }
        OutputColumns.requireText(rows.schema(), textColumn, "text to score");
        List<StructField> columns = java.util.Arrays.stream(scorers)
                .map(s -> DataTypes.createStructField(s.column(), DataTypes.DoubleType, true)).toList();
        StructType schema = OutputColumns.with(rows.schema(), columns);
        return rows.mapPartitions(new ScorePartition(rows.schema().fieldIndex(textColumn), List.of(scorers)),
                Encoders.row(schema));
    }

    /**
     * RE-Control's first stage over the rows: generates for each prompt with its own seed, recording the states at
     * {@code hookPoint}, and writes one collection folder per partition under {@code outputFolder} (a path every
     * executor can write, e.g. shared storage). Runs the job now.
     *
     * @return a shard per partition, in partition order
     * @throws IllegalArgumentException as {@link #generate}, or when the model has no such hook point
     */
    public static List<StateShard> collectStates(Dataset<Row> prompts, ModelRef model, SamplingSettings settings,
                                                 String hookPoint, String outputFolder, RowOptions options)
            throws IOException {
        OutputColumns.requireText(prompts.schema(), options.promptColumn(), "prompt");
        requireKey(prompts.schema(), options);
        LanguageModel loaded = ExecutorModels.get(model);
        if (!loaded.transformer().hookPoints().contains(hookPoint)) {
            throw new IllegalArgumentException("the model " + model + " has no hook point " + hookPoint);
        }
        Dataset<Row> keyed = RowKeys.keyed(prompts, options);
        SamplingSpec sampling = SamplingSpec.of(settings);
        return keyed.mapPartitions(new CollectPartition(model, sampling, hookPoint, outputFolder,
                        RowKeys.of(keyed, options, sampling.jobSeed()), keyed.schema().fieldIndex(options.key()),
                        options.batchSize()), Encoders.javaSerialization(StateShard.class))
                .collectAsList();
    }

    /**
     * A method's evaluation over the output of {@link #generate} ({@code options} as given there): the rows that
     * have a continuation are collected to the driver, ordered by key and sample, and measured; rows with an error
     * are left out and counted in the report's setting {@code failed_rows}.
     *
     * @throws IllegalArgumentException when a column the evaluation reads is missing, or no row has a continuation
     */
    public static MetricReport evaluate(Dataset<Row> generated, RowOptions options, MethodEvaluation evaluation)
            throws IOException {
        List<String> columns = new ArrayList<>(List.of(options.key(), options.promptColumn(), "text", "sample",
                "error"));
        if (evaluation.targetColumn() != null) {
            columns.add(evaluation.targetColumn());
        }
        for (String column : columns) {
            if (!List.of(generated.columns()).contains(column)) {
                throw new IllegalArgumentException("the rows have no column " + column + "; evaluate the output of "
                        + "generate, with the same row options");
            }
        }
        List<Row> rows = generated.select(columns.stream().map(generated::col).toArray(Column[]::new))
                .collectAsList();
        List<EvaluatedRow> evaluated = new ArrayList<>();
        int failed = 0;
        for (Row row : rows) {
            if (!row.isNullAt(4)) {
                failed++;
            } else {
                evaluated.add(new EvaluatedRow(row.get(0), row.getString(1), row.getString(2),
                        ((Number) row.get(3)).intValue(),
                        columns.size() > 5 ? row.get(5) : null));
            }
        }
        if (evaluated.isEmpty()) {
            throw new IllegalArgumentException("no row has a continuation to evaluate (" + failed + " failed)");
        }
        evaluated.sort(Comparator.comparing((EvaluatedRow row) -> row.key(), ReinSpark::compareKeys)
                .thenComparingInt(EvaluatedRow::sample));
        return evaluation.report(evaluated).withSetting("failed_rows", failed);
    }

    /** Keys in order: numbers by value, anything else by its text. */
    private static int compareKeys(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Long.compare(x.longValue(), y.longValue());
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static void requireKey(StructType schema, RowOptions options) {
        List<String> names = List.of(schema.fieldNames());
        if (options.keyColumn() != null && !names.contains(options.keyColumn())) {
            throw new IllegalArgumentException("the input has no column " + options.keyColumn() + " (the row key); "
                    + "its columns: " + String.join(", ", schema.fieldNames()));
        }
        if (options.keyColumn() == null && names.contains(ROW_INDEX)) {
            throw new IllegalArgumentException("the input has a column " + ROW_INDEX + " already; name it as the key "
                    + "column to key rows by it");
        }
    }
}
