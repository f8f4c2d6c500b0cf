package dev.rein.cli;

import dev.rein.models.generation.SamplingSettings;
import dev.rein.spark.ModelRef;
import dev.rein.spark.ReinSpark;
import dev.rein.spark.StateShard;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code rein spark collect}'s Spark side: one collection folder per partition, then a line per shard. */
final class SparkCollectJob {
    private SparkCollectJob() {
    }

    static void run(SparkJobOptions options, ModelRef model, SamplingSettings settings, String hookPoint)
            throws IOException {
        try (SparkRun run = SparkRun.open(options, "rein spark collect")) {
            Dataset<Row> input = run.read();
            long start = System.nanoTime();
            List<StateShard> shards = ReinSpark.collectStates(input, model, settings, hookPoint, options.output(),
                    run.rowOptions(input));
            double seconds = (System.nanoTime() - start) * 1e-9;
            for (StateShard shard : shards) {
                System.out.printf(Locale.ROOT, "%s: %d responses, %d rows skipped%n",
                        shard.folder() == null ? "partition " + shard.partition() + " (nothing collected)"
                                : shard.folder(), shard.responses(), shard.skipped());
            }
            int responses = shards.stream().mapToInt(StateShard::responses).sum();
            System.err.printf(Locale.ROOT, "[%d responses in %d shards in %.1f s; skipped rows are listed in each "
                    + "shard's collection.json]%n", responses, shards.size(), seconds);
        }
    }
}
