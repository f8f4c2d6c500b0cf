package dev.rein.training.trainer;

import dev.rein.data.batch.BatchSource;
import dev.rein.models.LanguageModel;
import dev.rein.training.freezing.TrainableParameters;
import dev.rein.training.freezing.TrainableSelection;
import dev.rein.training.optim.AdamSettings;
import dev.rein.training.optim.AdamW;
import dev.rein.training.optim.LearningRateSchedule;
import dev.rein.training.optim.LearningRateSchedules;
import dev.rein.training.optim.Optimizer;
import dev.rein.training.optim.ParameterGroup;
import dev.rein.training.testing.CountingBatches;
import dev.rein.training.testing.TinyLlama;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One small training run, the same in the test JVM and in the child JVM that {@link KillAndResumeTest} kills:
 * the tiny LLaMA, AdamW (moments and a step count to restore), warm-up and cosine decay (the learning rate
 * depends on the step), two micro-batches per step, clipping, evaluation every 4 steps and epochs of 5 batches, so
 * a resumed run has to get every one of them right to reproduce the losses.
 */
public final class TinyRun {
    static final int STEPS = 24;
    static final double LEARNING_RATE = 0.01;
    private static final LearningRateSchedule SCHEDULE = LearningRateSchedules.cosine(4, STEPS);

    private TinyRun() {
    }

    /** Trains the model in {@code model} into {@code out} from the start. */
    static TrainingSummary train(Path model, Path out, int saveEvery, int keep) throws IOException {
        return run(model, out, saveEvery, keep, false);
    }

    /** Trains the model in {@code model} into {@code out}, continuing from its newest checkpoint. */
    static TrainingSummary resume(Path model, Path out, int saveEvery, int keep) throws IOException {
        return run(model, out, saveEvery, keep, true);
    }

    private static TrainingSummary run(Path model, Path out, int saveEvery, int keep, boolean resume)
            throws IOException {
        try (LanguageModel loaded = LanguageModel.load(model, TrainableSelection.all())) {
            Optimizer adamW = new AdamW(List.of(ParameterGroup.of("all", TrainableParameters.of(
                    loaded.transformer().weights()), LEARNING_RATE, 0.01)), AdamSettings.defaults());
            TrainingConfig config = TrainingConfig.of(STEPS).withAccumulation(2).withClipNorm(1.0).withEvalEvery(4)
                    .withCheckpoints(saveEvery, keep).withSeed(11);
            CausalLmTrainer trainer = new CausalLmTrainer(loaded.transformer(), adamW, SCHEDULE, config);
            BatchSource train = new CountingBatches(4, 12, TinyLlama.VOCAB, 5, 11);
            BatchSource eval = new CountingBatches(4, 12, TinyLlama.VOCAB, 2, 99);
            TrainingOutput output = new TrainingOutput(out, model);
            return resume ? trainer.resume(train, eval, output) : trainer.train(train, eval, output);
        }
    }

    /** The child process: {@code TinyRun MODEL OUT SAVE_EVERY KEEP}. */
    public static void main(String[] args) throws IOException {
        resume(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    }
}
