package dev.rein.training.guide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.data.batch.BatchSource;
import dev.rein.data.lm.HeldOut;
import dev.rein.data.lm.LmExample;
import dev.rein.data.lm.LmExamples;
import dev.rein.data.lm.RowBatches;
import dev.rein.data.lm.RowOrder;
import dev.rein.data.lm.TextCorpus;
import dev.rein.models.LanguageModel;
import dev.rein.tensor.testing.SharedData;
import dev.rein.text.tokenizer.Tokenizer;
import dev.rein.training.freezing.TrainableParameters;
import dev.rein.training.freezing.TrainableSelection;
import dev.rein.training.optim.AdamSettings;
import dev.rein.training.optim.AdamW;
import dev.rein.training.optim.LearningRateSchedules;
import dev.rein.training.optim.Optimizer;
import dev.rein.training.optim.ParameterGroup;
import dev.rein.training.trainer.CausalLmTrainer;
import dev.rein.training.trainer.TrainingConfig;
import dev.rein.training.trainer.TrainingOutput;
import dev.rein.training.trainer.TrainingSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library example of docs/training.md, as written there but for paths and a shorter run. */
class TrainingGuideExampleTest {
    private static final int STEPS = 8;

    @TempDir
    Path dir;

    @Test
    void theGuidesLibraryExampleRuns() throws IOException {
        List<String> lines = new ArrayList<>();
        String[] names = {"Tom", "Lily", "Sam", "Mia"};
        for (int i = 0; i < 40; i++) {
            lines.add(names[i % 4] + " has a red ball. " + names[i % 4] + " is happy.");
        }
        Path tales = Files.write(dir.resolve("tales.txt"), lines);
        Path tuned = dir.resolve("tuned");

        Path base = SharedData.path("models/stories260K");
        try (LanguageModel model = LanguageModel.load(base, TrainableSelection.all())) {
            Tokenizer tokenizer = model.tokenizer();
            List<LmExample> documents = LmExamples.fromTexts(
                    TextCorpus.read(tales, "text", TextCorpus.Split.LINE), tokenizer, null);
            HeldOut<LmExample> split = HeldOut.split(documents, 0.2, 42);
            int eos = model.config().specialTokens().eos().getFirst();
            BatchSource train = RowBatches.packed(split.train(), eos, 32, 4, RowOrder.shuffled(42));
            BatchSource eval = RowBatches.packed(split.heldOut(), eos, 32, 4, RowOrder.asGiven());

            Optimizer adamW = new AdamW(List.of(ParameterGroup.of("all",
                    TrainableParameters.of(model.transformer().weights()), 3e-3, 0)), AdamSettings.defaults());
            TrainingConfig config = TrainingConfig.of(STEPS).withEvalEvery(4).withCheckpoints(4, 2).withSeed(42);
            TrainingSummary summary = new CausalLmTrainer(model.transformer(), adamW,
                    LearningRateSchedules.cosine(1, STEPS), config)
                    .train(train, eval, new TrainingOutput(tuned, base));

            assertTrue(summary.eval().perplexity() < 20, "perplexity " + summary.eval().perplexity());
        }
        assertTrue(Files.isRegularFile(tuned.resolve("final/tokenizer.json")));
    }
}
