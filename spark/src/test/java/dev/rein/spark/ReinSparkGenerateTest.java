package dev.rein.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.models.LanguageModel;
import dev.rein.steering.vector.ControlVector;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.TensorRandom;
import dev.rein.models.generation.Completion;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generation over a Spark dataset on the embedded default model, compared with generating each row alone. */
class ReinSparkGenerateTest {
    private static final ModelRef MODEL = ModelRef.embeddedDefault();
    private static final long JOB_SEED = 42;
    private static SparkSession spark;
    private static LanguageModel model;

    @TempDir
    static Path folder;

    @BeforeAll
    static void start() throws IOException {
        spark = LocalSpark.start();
        model = ExecutorModels.get(MODEL);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static SamplingSettings sampling() {
        return SamplingSettings.builder().sample().temperature(1.0).topK(0).maxNewTokens(12).seed(JOB_SEED).build();
    }

    /** Nine prompts, one without a prompt field and one too long for the model's 512 positions. */
    private static Path promptsFile() throws IOException {
        Path file = folder.resolve("prompts.jsonl");
        if (!Files.exists(file)) {
            List<String> lines = new ArrayList<>();
            String[] prompts = {"Once upon a time", "The little dog", "Tom found a box", "She was happy",
                    "The sun", "A cat sat", "Lily wanted to"};
            for (int i = 0; i < prompts.length; i++) {
                lines.add("{\"id\": \"p" + i + "\", \"prompt\": \"" + prompts[i] + "\"}");
            }
            lines.add("{\"id\": \"missing\"}");
            lines.add("{\"id\": \"long\", \"prompt\": \"" + "the dog ran and ".repeat(200) + "\"}");
            Files.write(file, lines);
        }
        return file;
    }

    private static Dataset<Row> prompts() throws IOException {
        return spark.read().json(promptsFile().toString());
    }

    @Test
    void eachRowEqualsItsPromptGeneratedAloneWithItsOwnSeed() throws IOException {
        List<Row> rows = ReinSpark.generate(prompts(), MODEL, sampling(), Controls.none()).collectAsList();
        assertEquals(9, rows.size());
        for (Row row : rows) {
            long index = row.getLong(row.fieldIndex(ReinSpark.ROW_INDEX));
            assertEquals(RowSeeds.of(JOB_SEED, index), row.getLong(row.fieldIndex("seed")));
            String prompt = row.getAs("prompt");
            if (prompt == null || prompt.length() > 1000) {
                continue;
            }
            SamplingSettings alone = SamplingSettings.builder().sample().temperature(1.0).topK(0).maxNewTokens(12)
                    .seed(row.getLong(row.fieldIndex("seed"))).build();
            GeneratedSequence expected = new Generator(model.transformer())
                    .generate(model.tokenizer().encode(prompt), alone, GenerationOptions.NONE).getFirst();
            assertEquals(Completion.of(model.tokenizer(), expected).text(), row.getAs("text"), prompt);
            assertEquals(expected.newIds().length, (int) row.getAs("generated_tokens"));
            assertEquals(expected.promptIds().length, (int) row.getAs("prompt_tokens"));
            assertNull(row.getAs("error"));
        }
    }

    /** A steering vector reaches every row: each steered row equals that prompt steered alone, and differs plainly. */
    @Test
    void aSteeringVectorSteersEveryRowAsItDoesAlone() throws IOException {
        Path file = folder.resolve("vector.safetensors");
        Tensor direction = new TensorRandom(3).uniform(-1f, 1f, model.config().hiddenSize());
        new ControlVector("default", new TreeMap<>(Map.of(1, direction))).write(file);
        Controls steered = Controls.none().withSteeringVector(file.toString(), 8f);
        List<Row> plain = ReinSpark.generate(prompts(), MODEL, sampling(), Controls.none()).collectAsList();
        List<Row> rows = ReinSpark.generate(prompts(), MODEL, sampling(), steered).collectAsList();
        List<PromptRow> alone = new ArrayList<>();
        for (Row row : rows) {
            alone.add(PromptRow.of(row.getAs("prompt"), row.getLong(row.fieldIndex("seed"))));
        }
        List<List<GeneratedRow>> expected = new RowGenerator(model, SamplingSpec.of(sampling()), steered)
                .generate(alone);
        int changed = 0;
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(expected.get(r).getFirst().text(), rows.get(r).getAs("text"), "row " + r);
            String text = rows.get(r).getAs("text");
            if (text != null && !text.equals(byId(plain, rows.get(r).getAs("id")).getAs("text"))) {
                changed++;
            }
        }
        assertEquals(7, changed, "every good row's text changes under the vector");
    }

    @Test
    void badRowsCarryTheirReasonAndTheOthersRun() throws IOException {
        List<Row> rows = ReinSpark.generate(prompts(), MODEL, sampling(), Controls.none()).collectAsList();
        Row missing = byId(rows, "missing");
        assertEquals("missing prompt", missing.getAs("error"));
        assertNull(missing.getAs("text"));
        Row tooLong = byId(rows, "long");
        assertTrue(((String) tooLong.getAs("error")).contains("exceeds the model's context of 512"),
                (String) tooLong.getAs("error"));
        assertEquals(7, rows.stream().filter(row -> row.getAs("text") != null).count());
    }

    @Test
    void partitioningBatchingAndKeysByColumnDoNotChangeARow() throws IOException {
        RowOptions byId = RowOptions.defaults().withKeyColumn("id");
        List<Row> one = ReinSpark.generate(prompts().coalesce(1), MODEL, sampling(), Controls.none(),
                byId.withBatchSize(4)).collectAsList();
        List<Row> three = ReinSpark.generate(prompts().repartition(3), MODEL, sampling(), Controls.none(),
                byId.withBatchSize(1)).collectAsList();
        assertEquals(texts(one), texts(three));
        assertEquals(RowSeeds.of(JOB_SEED, "p0"), byId(one, "p0").getLong(byId(one, "p0").fieldIndex("seed")));
    }

    @Test
    void aTaskThatFailsOnItsFirstAttemptGivesTheCleanRunsRowsOnce() throws IOException {
        List<Row> clean = ReinSpark.generate(prompts(), MODEL, sampling(), Controls.none()).collectAsList();
        Dataset<Row> generated = ReinSpark.generate(prompts(), MODEL, sampling(), Controls.none());
        List<Row> retried = generated.mapPartitions(new FailFirstAttempt(), Encoders.row(generated.schema()))
                .collectAsList();
        assertEquals(texts(clean), texts(retried));
        assertEquals(clean.size(), retried.size());
    }

    @Test
    void parquetAndJsonLinesRoundTripTheSameRows() throws IOException {
        Dataset<Row> generated = ReinSpark.generate(prompts(), MODEL, sampling(), Controls.none());
        String parquet = folder.resolve("out-parquet").toString();
        String json = folder.resolve("out-json").toString();
        generated.write().parquet(parquet);
        generated.write().json(json);
        List<Row> fromParquet = spark.read().parquet(parquet).collectAsList();
        List<Row> fromJson = spark.read().json(json).collectAsList();
        assertEquals(texts(fromParquet), texts(fromJson));
        Dataset<Row> again = ReinSpark.generate(spark.read().parquet(parquet).select("id", "prompt"), MODEL,
                sampling(), Controls.none());
        assertEquals(texts(fromParquet), texts(again.collectAsList()));
    }

    @Test
    void aJobThatCannotRunIsRefusedBeforeItStarts() {
        IllegalArgumentException noColumn = assertThrows(IllegalArgumentException.class, () -> ReinSpark.generate(
                prompts(), MODEL, sampling(), Controls.none(), RowOptions.defaults().withPromptColumn("question")));
        assertTrue(noColumn.getMessage().contains("no column question"), noColumn.getMessage());
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class, () -> ReinSpark.generate(
                prompts(), MODEL, sampling(), Controls.none(), RowOptions.defaults().withKeyColumn("uid")));
        assertTrue(noKey.getMessage().contains("no column uid"), noKey.getMessage());
    }

    @Test
    void aModelNameThatIsNoPathHereIsLookedUpAmongTheFilesSparkShipped() throws IOException {
        Path shipped = Files.writeString(folder.resolve("shipped-model.gguf"), "weights");
        ModelRef ref = new ModelRef("shipped-model.gguf");
        assertThrows(dev.rein.formats.FormatException.class, ref::resolve);
        spark.sparkContext().addFile(shipped.toString());
        Path resolved = ref.resolve();
        assertEquals("weights", Files.readString(resolved));
        assertTrue(!resolved.equals(shipped.toAbsolutePath()), "expected Spark's copy, got " + resolved);
    }

    /** Passes rows through, but the first attempt of every task fails after its first row. */
    private static final class FailFirstAttempt implements MapPartitionsFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            AtomicInteger seen = new AtomicInteger();
            boolean first = TaskContext.get().attemptNumber() == 0;
            return new Iterator<>() {
                public boolean hasNext() {
                    return rows.hasNext();
                }

                public Row next() {
                    if (first && seen.incrementAndGet() == 2) {
                        throw new IllegalStateException("injected failure of a first attempt");
                    }
                    return rows.next();
                }
            };
        }
    }

    private static Row byId(List<Row> rows, String id) {
        return rows.stream().filter(row -> id.equals(row.getAs("id"))).findFirst().orElseThrow();
    }

    /** "id: text | error" per row, sorted by id. */
    private static List<String> texts(List<Row> rows) {
        return rows.stream().map(row -> row.getAs("id") + ": " + row.getAs("text") + " | " + row.getAs("error")
                        + " | " + row.getAs("seed"))
                .sorted(Comparator.naturalOrder()).toList();
    }
}
