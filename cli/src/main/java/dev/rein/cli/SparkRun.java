package dev.rein.cli;

import dev.rein.spark.RowOptions;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the {@code rein spark} commands share that touches Spark: the session, reading the input, writing the output
 * and the closing summary. Only a running spark command loads this class, so rein.jar works without Spark's jars.
 */
final class SparkRun implements AutoCloseable {
    private final SparkSession session;
    private final SparkJobOptions options;
    private final long start = System.nanoTime();

    private SparkRun(SparkSession session, SparkJobOptions options) {
        this.session = session;
        this.options = options;
    }

    /**
     * A session for {@code app}: the --master given, else spark-submit's, else local[*]; a local driver binds to
     * loopback and has no UI.
     */
    static SparkRun open(SparkJobOptions options, String app) {
        options.checkPaths();
        String master = options.master() != null ? options.master()
                : new SparkConf().get("spark.master", "local[*]");
        SparkSession.Builder builder = SparkSession.builder().appName(app).master(master);
        if (master.startsWith("local")) {
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false");
        }
        return new SparkRun(builder.getOrCreate(), options);
    }

    /** The input rows; a file Spark cannot read in its format is a user error naming it. */
    Dataset<Row> read() {
        try {
            Dataset<Row> rows = switch (options.inputFormat()) {
                case JSONL -> session.read().json(options.input());
                case PARQUET -> session.read().parquet(options.input());
            };
            if (rows.columns().length == 1 && rows.columns()[0].equals("_corrupt_record")) {
                throw new UserError("--input " + options.input() + ": not JSON Lines (no line is a JSON object)");
            }
            return rows;
        } catch (UserError e) {
            throw e;
        } catch (Exception e) {                 // Spark's own SparkException is checked, though Scala throws it freely
            throw new UserError("--input " + options.input() + ": cannot read it as " + name(options.inputFormat())
                    + ": " + firstLine(e.getMessage()));
        }
    }

    /** The row options, spread over Spark's default parallelism when the input has fewer partitions. */
    RowOptions rowOptions(Dataset<Row> input) {
        int partitions = options.partitions() != null ? options.partitions()
                : Math.max(input.rdd().getNumPartitions(), session.sparkContext().defaultParallelism());
        return options.rowOptions().withPartitions(partitions);
    }

    /** Writes {@code rows} to --output and tells how many there were, how many with an error, and how fast. */
    void write(Dataset<Row> rows, String errorColumn) {
        switch (options.outputFormat()) {
            case JSONL -> rows.write().option("ignoreNullFields", false).json(options.output());
            case PARQUET -> rows.write().parquet(options.output());
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        Dataset<Row> written = readOutput();
        long count = written.count();
        String errors = errorColumn == null ? ""
                : ", " + written.filter(written.col(errorColumn).isNotNull()).count() + " with an error";
        System.err.printf(Locale.ROOT, "[%d rows%s in %.1f s: %.2f rows/s; %s written to %s]%n", count, errors,
                seconds, count / seconds, name(options.outputFormat()), options.output());
    }

    /** The rows written to --output. */
    Dataset<Row> readOutput() {
        return switch (options.outputFormat()) {
            case JSONL -> session.read().json(options.output());
            case PARQUET -> session.read().parquet(options.output());
        };
    }

    @Override
    public void close() {
        session.stop();
    }

    private static String name(SparkJobOptions.Format format) {
        return format == SparkJobOptions.Format.JSONL ? "JSON Lines" : "Parquet";
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }
}
