package dev.rein.cli;

import dev.rein.spark.ReinSpark;
import dev.rein.spark.ScorerSpec;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code rein spark score}'s Spark side: the input's texts scored, written with every input column. */
final class SparkScoreJob {
    private SparkScoreJob() {
    }

    static void run(SparkJobOptions options, String textColumn, List<ScorerSpec> scorers) {
        try (SparkRun run = SparkRun.open(options, "rein spark score")) {
            Dataset<Row> input = run.read();
            run.write(ReinSpark.score(input, textColumn, scorers.toArray(ScorerSpec[]::new)), null);
        }
    }
}
