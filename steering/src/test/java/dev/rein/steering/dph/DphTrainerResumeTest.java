package dev.rein.steering.dph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.models.LanguageModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DphTrainerResumeTest {
    @TempDir
    Path out;

    @Test
    void aResumedRunEndsWithTheHeadsOfAnUninterruptedOne() throws Exception {
        try (LanguageModel model = LanguageModel.loadDefault()) {
            List<PreferencePair> pairs = StoryPreferences.pairs(4, 0, 12);
            float[] whole = train(model, pairs, 4, out.resolve("whole"), false);
            train(model, pairs, 2, out.resolve("split"), false);
            float[] resumed = train(model, pairs, 4, out.resolve("split"), true);
            // the same arithmetic, up to the last bits that the Vector API's JIT warm-up moves (see training's
            // ResumeChecks)
            assertArrayEquals(whole, resumed, 1e-6f);
        }
    }

    /** Trains fresh heads (dropout on, so the masks must repeat too) and returns their weights. */
    private static float[] train(LanguageModel model, List<PreferencePair> pairs, long steps, Path folder,
                                 boolean resume) throws Exception {
        int eos = model.config().specialTokens().eos().getFirst();
        ReplyFormat format = ReplyFormat.of(model.tokenizer(), eos, null);
        DphHeads heads = DphHeads.create(DphPooler.SWIGLU_T5, 0.2, List.of("r"), model.config().hiddenSize(),
                model.config().intermediateSize(), format.poolToken(), format.poolTokenId(), 9);
        DphTrainingSettings settings = new DphTrainingSettings(DphObjective.CONTRASTIVE, 0.1, 1, 0, 0.1, 0.1,
                ReplyLogProbs.SUM, 1e-3, 0.5, 0.1, 1, 5_000, 0.1, 1, 5, 1, steps, 3, 2);
        DphTrainer trainer = new DphTrainer(new DphModel(model.transformer(), heads, format, eos), null,
                model.source(), pairs, settings);
        DphTrainer.Result result = resume ? trainer.resume(folder, s -> { }) : trainer.train(folder, s -> { });
        assertEquals(resume ? 2 : 0, result.resumedFrom());
        return DphHeads.load(result.heads()).pooledHead().head().weight().value().toFloatArray();
    }
}
