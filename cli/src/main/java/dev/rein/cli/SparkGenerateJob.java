package dev.rein.cli;

import dev.rein.models.generation.SamplingSettings;
import dev.rein.spark.Controls;
import dev.rein.spark.ModelRef;
import dev.rein.spark.ReinSpark;
import java.io.IOException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code rein spark generate}'s Spark side: the input's prompts continued, written with every input column. */
final class SparkGenerateJob {
    private SparkGenerateJob() {
    }

    static void run(SparkJobOptions options, ModelRef model, SamplingSettings settings, Controls controls)
            throws IOException {
        try (SparkRun run = SparkRun.open(options, "rein spark generate")) {
            Dataset<Row> input = run.read();
            run.write(ReinSpark.generate(input, model, settings, controls, run.rowOptions(input)), "error");
        }
    }
}
