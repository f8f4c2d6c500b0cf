package dev.rein.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.data.stories.WordCount;
import dev.rein.eval.MetricReport;
import dev.rein.eval.length.LengthMetrics;
import dev.rein.eval.length.LengthTarget;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.steering.recontrol.StateCollection;
import dev.rein.steering.recontrol.StateCollector;
import dev.rein.steering.recontrol.Trajectories;
import dev.rein.models.hooks.HookPoints;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring, RE-Control state collection and a method's evaluation over Spark datasets, on the default model. */
class ReinSparkScoringTest {
    private static final ModelRef MODEL = ModelRef.embeddedDefault();
    private static SparkSession spark;

    @TempDir
    static Path folder;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Five prompts keyed by id, with a CIE-style word target; the fourth has no prompt. */
    private static Dataset<Row> prompts() {
        StructType schema = new StructType().add("id", DataTypes.LongType).add("prompt", DataTypes.StringType)
                .add("ans_len", DataTypes.IntegerType);
        List<Row> rows = List.of(RowFactory.create(10L, "Once upon a time", 8),
                RowFactory.create(11L, "The little dog", 12), RowFactory.create(12L, "Tom found a box", 5),
                RowFactory.create(13L, null, 5), RowFactory.create(14L, "She was happy", 10));
        return spark.createDataFrame(rows, schema).repartition(2);
    }

    private static SamplingSettings sampling(int samples) {
        return SamplingSettings.builder().sample().temperature(1.0).topK(0).maxNewTokens(10).seed(9)
                .numReturnSequences(samples).build();
    }

    private static RowOptions byId() {
        return RowOptions.defaults().withKeyColumn("id");
    }

    @Test
    void scoresAreTheScorersOwnAndRowsWithoutTextGetNone() throws IOException {
        Dataset<Row> generated = ReinSpark.generate(prompts(), MODEL, sampling(1), Controls.none(), byId());
        List<Row> scored = ReinSpark.score(generated, "text", new ScorerSpec.Words(), new ScorerSpec.Rudeness())
                .collectAsList();
        assertEquals(5, scored.size());
        for (Row row : scored) {
            String text = row.getAs("text");
            if (text == null) {
                assertNull(row.getAs("words"));
            } else {
                assertEquals(WordCount.of(text), (double) row.getAs("words"), 0);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ReinSpark.score(generated, "text",
                new ScorerSpec.Words(), new ScorerSpec.Words()));
    }

    @Test
    void collectedShardsHoldWhatTheCollectorGivesEachPromptAlone() throws IOException {
        String out = folder.resolve("states").toString();
        SamplingSettings settings = sampling(1);
        List<StateShard> shards = ReinSpark.collectStates(prompts(), MODEL, settings, HookPoints.FINAL_NORMALIZED,
                out, byId());
        assertEquals(2, shards.size());
        assertEquals(4, shards.stream().mapToInt(StateShard::responses).sum());
        assertEquals(1, shards.stream().mapToInt(StateShard::skipped).sum());
        LanguageModel model = ExecutorModels.get(MODEL);
        StateCollector collector = new StateCollector(model.transformer(), model.tokenizer(),
                HookPoints.FINAL_NORMALIZED);
        for (StateShard shard : shards) {
            Trajectories states = StateCollection.readTrajectories(Path.of(shard.folder()));
            List<String> prompts = StateCollection.readResponses(Path.of(shard.folder())).strings("prompt");
            List<String> responses = StateCollection.readResponses(Path.of(shard.folder())).strings("response");
            for (int row = 0; row < prompts.size(); row++) {
                long id = idOf(prompts.get(row));
                StateCollection alone = collector.collect(List.of(prompts.get(row)),
                        new long[] {RowSeeds.of(9, id)}, settings, 1, done -> { });
                assertEquals(alone.responses().getFirst().response(), responses.get(row), prompts.get(row));
                float[] expected = alone.trajectories().states().select(0, 0).toFloatArray();
                Tensor got = states.states().select(0, row).narrow(0, 0, alone.trajectories().steps());
                float[] actual = got.toFloatArray();
                for (int i = 0; i < expected.length; i++) {       // a padded batch sums in another order
                    assertEquals(expected[i], actual[i], 1e-4, "states of " + prompts.get(row));
                }
            }
        }
    }

    @Test
    void cieLengthMetricsAndToxicityGroupRowsByKey() throws IOException {
        Dataset<Row> generated = ReinSpark.generate(prompts(), MODEL, sampling(1), Controls.none(), byId());
        MetricReport report = ReinSpark.evaluate(generated, byId(), new MethodEvaluation.Length("ans_len", 0, 3));
        List<Row> rows = generated.filter(generated.col("error").isNull()).collectAsList().stream()
                .sorted(Comparator.comparingLong(row -> row.getLong(row.fieldIndex("id")))).toList();
        MetricReport expected = LengthMetrics.report(rows.stream().map(row -> (String) row.getAs("text")).toList(),
                rows.stream().map(row -> (LengthTarget) new LengthTarget.Exact(row.getAs("ans_len"))).toList(), 0, 3);
        assertEquals(expected.values(), report.values());
        assertEquals(4, report.rows());
        assertEquals(1, report.settings().get("failed_rows"));

        Dataset<Row> sampled = ReinSpark.generate(prompts(), MODEL, sampling(3), Controls.none(), byId());
        MetricReport toxicity = ReinSpark.evaluate(sampled, byId(), new MethodEvaluation.Toxicity(
                new ScorerSpec.Rudeness()));
        assertEquals(4, toxicity.rows());
        assertEquals(12, toxicity.value("continuations"), 0);
    }

    private static long idOf(String prompt) {
        return switch (prompt) {
            case "Once upon a time" -> 10;
            case "The little dog" -> 11;
            case "Tom found a box" -> 12;
            default -> 14;
        };
    }
}
