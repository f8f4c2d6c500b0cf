package dev.rein.cli;

import dev.rein.spark.RowOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options every {@code rein spark} job has (picocli mixin): the input and output, the Spark master, the columns
 * read and how rows are spread and batched. Nothing here touches Spark, so the command line builds without it.
 */
final class SparkJobOptions {
    /** The formats a job reads and writes. */
    enum Format { JSONL, PARQUET }

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "The rows: a .jsonl (JSON Lines) or .parquet file or folder; a path with a scheme "
                    + "(hdfs://, s3a://) is read as Spark reads it.")
    private String input;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "A new folder for the output rows (Spark's part files), every input column kept.")
    private String output;

    @Option(names = "--output-format", paramLabel = "jsonl|parquet",
            description = "Format of the output (default: the input's).")
    private Format outputFormat;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[2], spark://host:7077 "
            + "(default: spark-submit's, else local[*]).")
    private String master;

    @Option(names = "--prompt-field", paramLabel = "NAME", defaultValue = "prompt",
            description = "The column holding each prompt (default: ${DEFAULT-VALUE}).")
    private String promptField;

    @Option(names = "--key-field", paramLabel = "NAME", description = "The column that keys each row's seed (an id); "
            + "default: the row's position in the input, written as row_index.")
    private String keyField;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "8",
            description = "Rows of a partition decoded together (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions to spread the rows over (default: "
            + "the input's, or Spark's default parallelism when the input has fewer).")
    private Integer partitions;

    /** The input's format, from its name; a missing local file or another name is a user error. */
    Format inputFormat() {
        String name = input.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        Format format = name.endsWith(".jsonl") || name.endsWith(".json") ? Format.JSONL
                : name.endsWith(".parquet") ? Format.PARQUET : null;
        if (format == null) {
            throw new UserError("--input " + input + ": expected a .jsonl or .parquet file");
        }
        if (!input.contains("://") && !Files.exists(Path.of(input))) {
            throw new UserError("--input " + input + ": no such file");
        }
        return format;
    }

    /** The output's format. */
    Format outputFormat() {
        return outputFormat != null ? outputFormat : inputFormat();
    }

    /** Checks the paths before Spark starts: the input exists with a known format, the output does not exist. */
    void checkPaths() {
        inputFormat();
        if (!output.contains("://") && Files.exists(Path.of(output))) {
            throw new UserError("--output " + output + ": already exists; give a new folder");
        }
        if (partitions != null && partitions < 1) {
            throw new UserError("--partitions must be at least 1, got " + partitions);
        }
        if (batchSize < 1) {
            throw new UserError("--batch-size must be at least 1, got " + batchSize);
        }
    }

    String input() {
        return input;
    }

    String output() {
        return output;
    }

    /** The master given, or null for spark-submit's (else local[*]). */
    String master() {
        return master;
    }

    /** Partitions asked for, or null for the default. */
    Integer partitions() {
        return partitions;
    }

    /** The columns and batch size; the partitions are {@link SparkRun}'s to decide, once it knows the input. */
    RowOptions rowOptions() {
        RowOptions options = RowOptions.defaults().withPromptColumn(promptField).withBatchSize(batchSize);
        return keyField == null ? options : options.withKeyColumn(keyField);
    }
}
