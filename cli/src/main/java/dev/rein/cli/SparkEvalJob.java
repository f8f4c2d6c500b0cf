package dev.rein.cli;

import dev.rein.eval.MetricReport;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.spark.Controls;
import dev.rein.spark.MethodEvaluation;
import dev.rein.spark.ModelRef;
import dev.rein.spark.ReinSpark;
import dev.rein.spark.RowOptions;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code rein spark eval}'s Spark side: generate and write the rows, then measure what was written. */
final class SparkEvalJob {
    private SparkEvalJob() {
    }

    static void run(SparkJobOptions options, ModelRef model, SamplingSettings settings, Controls controls,
                    MethodEvaluation evaluation, Path reportFile) throws IOException {
        try (SparkRun run = SparkRun.open(options, "rein spark eval")) {
            Dataset<Row> input = run.read();
            RowOptions rows = run.rowOptions(input);
            run.write(ReinSpark.generate(input, model, settings, controls, rows), "error");
            MetricReport report = ReinSpark.evaluate(run.readOutput(), rows, evaluation);
            System.out.print(report.table());
            if (reportFile != null) {
                report.writeJson(reportFile);
            }
        }
    }
}
