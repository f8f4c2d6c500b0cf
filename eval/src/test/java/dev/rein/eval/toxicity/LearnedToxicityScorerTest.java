package dev.rein.eval.toxicity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import dev.rein.models.LanguageModel;
import dev.rein.models.ModelReference;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.testing.SharedData;
import dev.rein.training.heads.HeadConfig;
import dev.rein.training.heads.PooledHead;
import dev.rein.training.heads.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fresh (untrained) head on stories260K: how texts are batched and scored, and how the folder is checked. */
class LearnedToxicityScorerTest {
    private static final List<String> TEXTS = List.of("Once upon a time there was a cat.", "  You stupid idiot! ",
            "You stupid idiot!", "", "a", "The dog ran to the park and played with the ball all day long.");

    @TempDir
    Path folder;

    @Test
    void batchedScoresEqualSingleScoresAndIgnoreSurroundingWhitespace() throws IOException {
        try (LearnedToxicityScorer scorer = fresh(64)) {
            double[] batched = scorer.scoreAll(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertEquals(scorer.score(TEXTS.get(i)), batched[i], 1e-6, TEXTS.get(i));
                assertTrue(batched[i] > 0 && batched[i] < 1);
            }
            assertEquals(batched[1], batched[2], 1e-7);
            assertEquals(0, scorer.scoreAll(List.of()).length);
        }
    }

    @Test
    void textsBecomeBosAndTheirTokensCutToTheLimitRightPadded() throws IOException {
        try (LearnedToxicityScorer scorer = fresh(5)) {
            TextBatches texts = scorer.texts();
            assertEquals(1, texts.encode("")[0]);                        // BOS stands for an empty text
            assertEquals(1, texts.encode("").length);
            assertEquals(5, texts.encode(TEXTS.getLast()).length);
            List<int[]> seen = new ArrayList<>();
            texts.inBatches(List.of("a long enough text", "a", "be"), 2, (rows, batch) -> {
                seen.add(rows);
                assertEquals(rows.length, batch.batchSize());
            });
            assertEquals(List.of(1, 2, 0), seen.stream().flatMapToInt(java.util.Arrays::stream).boxed().toList());
            TokenBatch batch = texts.batch(new int[][] {{1, 7, 8}, {1}}, new int[] {0, 1});
            assertEquals(3, batch.length());
            assertTrue(batch.padding()[1][1] && batch.padding()[1][2] && !batch.padding()[0][2]);
        }
    }

    @Test
    void aMalformedFolderIsAFormatExceptionNamingWhatIsWrong() throws IOException {
        FormatException empty = assertThrows(FormatException.class, () -> LearnedToxicityScorer.load(folder));
        assertTrue(empty.getMessage().contains("no toxicity_scorer.json"), empty.getMessage());

        Path stories = SharedData.path("models/stories260K");
        PooledHead.create(new HeadConfig(HookPoints.FINAL_NORMALIZED, new Pooling.Mean(),
                HeadConfig.PoolerKind.IDENTITY, 32, 0, 1, true, 0.02), 1).save(folder);
        writeSettings("{\"scorer\": \"toxicity_head\", \"base_model\": \"" + stories + "\", \"max_tokens\": 16}");
        FormatException mismatch = assertThrows(FormatException.class, () -> LearnedToxicityScorer.load(folder));
        assertEquals("base_model", mismatch.field(), mismatch.getMessage());
        assertTrue(mismatch.getMessage().contains("hidden size 64"), mismatch.getMessage());

        writeSettings("{\"scorer\": \"toxicity_head\", \"base_model\": \"absent\", \"max_tokens\": 16}");
        FormatException absent = assertThrows(FormatException.class, () -> LearnedToxicityScorer.load(folder));
        assertTrue(absent.getMessage().contains("does not exist"), absent.getMessage());

        writeSettings("{\"scorer\": \"reward\", \"base_model\": \"" + stories + "\", \"max_tokens\": 16}");
        FormatException kind = assertThrows(FormatException.class, () -> LearnedToxicityScorer.load(folder));
        assertEquals("scorer", kind.field(), kind.getMessage());

        writeSettings("{\"scorer\": \"toxicity_head\", \"base_model\": \"" + stories + "\", \"max_tokens\": 0}");
        FormatException tokens = assertThrows(FormatException.class, () -> LearnedToxicityScorer.load(folder));
        assertEquals("max_tokens", tokens.field(), tokens.getMessage());
    }

    private void writeSettings(String json) throws IOException {
        Files.writeString(folder.resolve(LearnedToxicityScorer.SETTINGS_FILE), json);
    }

    private static LearnedToxicityScorer fresh(int maxTokens) throws IOException {
        Path stories = SharedData.path("models/stories260K");
        LanguageModel model = LanguageModel.load(stories);
        PooledHead head = PooledHead.create(new HeadConfig(HookPoints.FINAL_NORMALIZED, new Pooling.Mean(),
                HeadConfig.PoolerKind.LINEAR_TANH, 64, 0, 1, true, 0.5), 3);
        return new LearnedToxicityScorer(model, new ModelReference.Local(stories), head, maxTokens);
    }

    @Test
    void aScorerOnTheEmbeddedModelNamesItDefaultAndLoadsInALaterRun() throws IOException {
        ModelReference embedded = ModelReference.parse(ModelReference.DEFAULT);
        LanguageModel model = LanguageModel.load(embedded.resolve());
        PooledHead head = PooledHead.create(new HeadConfig(HookPoints.FINAL_NORMALIZED, new Pooling.Mean(),
                HeadConfig.PoolerKind.LINEAR_TANH, model.config().hiddenSize(), 0, 1, true, 0.5), 3);
        Path saved = folder.resolve("scorer");
        double score;
        try (LearnedToxicityScorer scorer = new LearnedToxicityScorer(model, embedded, head, 16)) {
            score = scorer.score(TEXTS.getFirst());
            scorer.save(saved);
        }
        String settings = Files.readString(saved.resolve(LearnedToxicityScorer.SETTINGS_FILE));
        assertTrue(settings.contains("\"base_model\" : \"default\""), settings);  // not the unpacked temporary folder
        try (LearnedToxicityScorer loaded = LearnedToxicityScorer.load(saved)) {
            assertEquals(score, loaded.score(TEXTS.getFirst()), 1e-6);
        }
    }
}
