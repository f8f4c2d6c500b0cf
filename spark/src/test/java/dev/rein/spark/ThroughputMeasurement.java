package dev.rein.spark;

import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The measurement behind docs/spark.md (a program, not a test): rows/s of generation on the default model through
 * Spark local[N] against the single-process path, the same {@link RowGenerator} batches in one JVM without Spark,
 * alternating, each run {@code repeats} times after one warm-up run. Arguments: rows, new tokens, repeats, master and
 * the single process's batch size (Spark's partitions decode {@value RowOptions#DEFAULT_BATCH_SIZE} rows at a time).
 */
public final class ThroughputMeasurement {
    private ThroughputMeasurement() {
    }

    public static void main(String[] args) throws IOException {
        int rows = Integer.parseInt(args[0]);
        int newTokens = Integer.parseInt(args[1]);
        int repeats = Integer.parseInt(args[2]);
        String master = args[3];
        int batch = Integer.parseInt(args[4]);
        SamplingSettings settings = SamplingSettings.builder().sample().temperature(1.0).topK(0)
                .maxNewTokens(newTokens).minNewTokens(newTokens).seed(1).build();
        List<String> prompts = new ArrayList<>();
        String[] openings = {"Once upon a time", "The little dog", "Tom found a box", "She was happy", "A cat sat"};
        for (int i = 0; i < rows; i++) {
            prompts.add(openings[i % openings.length] + " " + i);
        }
        SparkSession spark = SparkSession.builder().master(master).appName("rein-throughput")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        StructType schema = new StructType().add("prompt", DataTypes.StringType);
        Dataset<Row> input = spark.createDataFrame(prompts.stream().map(p -> RowFactory.create(p)).toList(), schema);
        int partitions = spark.sparkContext().defaultParallelism();
        RowOptions options = RowOptions.defaults().withPartitions(partitions);
        LanguageModel model = ExecutorModels.get(ModelRef.embeddedDefault());
        RowGenerator single = new RowGenerator(model, SamplingSpec.of(settings), Controls.none());
        double[] alone = new double[repeats + 1];
        double[] onSpark = new double[repeats + 1];
        for (int r = 0; r <= repeats; r++) {                  // run 0 warms the JIT and is not reported
            long start = System.nanoTime();
            for (int first = 0; first < rows; first += batch) {
                List<PromptRow> rowsOfBatch = new ArrayList<>();
                for (int i = first; i < Math.min(rows, first + batch); i++) {
                    rowsOfBatch.add(PromptRow.of(prompts.get(i), RowSeeds.of(settings.seed(), i)));
                }
                single.generate(rowsOfBatch);
            }
            alone[r] = rows / ((System.nanoTime() - start) * 1e-9);
            start = System.nanoTime();
            long count = ReinSpark.generate(input, ModelRef.embeddedDefault(), settings, Controls.none(), options)
                    .count();
            onSpark[r] = count / ((System.nanoTime() - start) * 1e-9);
            System.out.printf(Locale.ROOT, "run %d: single process (batch %d) %.2f rows/s, Spark %s (%d partitions) "
                    + "%.2f rows/s%n", r, batch, alone[r], master, partitions, onSpark[r]);
        }
        double a = median(Arrays.copyOfRange(alone, 1, repeats + 1));
        double s = median(Arrays.copyOfRange(onSpark, 1, repeats + 1));
        System.out.printf(Locale.ROOT, "median of %d: single process %.2f rows/s (%.2f..%.2f), Spark %.2f rows/s "
                + "(%.2f..%.2f), Spark's overhead %.1f%%%n", repeats, a, min(alone), max(alone), s, min(onSpark),
                max(onSpark), 100 * (1 - s / a));
        spark.stop();
    }

    /** The smallest of the reported runs (run 0 left out). */
    private static double min(double[] runs) {
        return Arrays.stream(runs, 1, runs.length).min().orElseThrow();
    }

    private static double max(double[] runs) {
        return Arrays.stream(runs, 1, runs.length).max().orElseThrow();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
