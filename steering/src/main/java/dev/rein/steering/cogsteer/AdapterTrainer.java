package dev.rein.steering.cogsteer;

import dev.rein.autograd.Variable;
import dev.rein.data.batch.TrainingBatch;
import dev.rein.data.lm.HeldOut;
import dev.rein.data.lm.LmExamples;
import dev.rein.data.lm.RowBatches;
import dev.rein.data.lm.RowOrder;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.Transformer;
import dev.rein.text.tokenizer.Tokenizer;
import dev.rein.training.optim.AdamSettings;
import dev.rein.training.optim.AdamW;
import dev.rein.training.optim.GradientClipping;
import dev.rein.training.optim.LearningRateSchedule;
import dev.rein.training.optim.LearningRateSchedules;
import dev.rein.training.optim.NamedParameter;
import dev.rein.training.optim.ParameterGroup;
import dev.rein.training.trainer.Evaluation;
import dev.rein.training.trainer.GradientAccumulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Trains a {@link LayerAdapter} on text with the attribute to steer away from (METHODS.md 4.2): the base model
 * frozen (only the adapter's weights are in the optimizer), the documents tokenised, concatenated and cut into
 * blocks ({@code Packing}), labels = inputs; AdamW, cosine schedule, gradient norm clipped at 1 as Hugging Face's
 * Trainer does; the held-out loss is measured every {@code evalEvery} steps and at the end, and the adapter is
 * written to the output folder whenever it improves, so the folder ends with the best checkpoint.
 */
public final class AdapterTrainer {
    private static final double CLIP_NORM = 1.0;

    /** What a run did: steps taken, the best held-out loss and the step it was measured after. */
    public record Result(long steps, double bestLoss, long bestStep, int trainBlocks, int heldOutBlocks) {
    }

    /** One held-out evaluation, for progress lines. */
    public record Evaluated(long step, long steps, double trainLoss, double heldOutLoss) {
    }

    private AdapterTrainer() {
    }

    /**
     * Trains {@code adapter} on {@code model} over {@code documents}; writes the best adapter to {@code out}.
     *
     * @throws IllegalArgumentException when the documents give no training or no held-out block
     */
    public static Result train(Transformer model, Tokenizer tokenizer, LayerAdapter adapter, List<String> documents,
                               AdapterTrainingSettings settings, Path out, Consumer<Evaluated> progress)
            throws IOException {
        HeldOut<String> split = HeldOut.split(documents, settings.heldOutShare(), settings.seed());
        int eos = model.config().specialTokens().eos().getFirst();
        RowBatches train = RowBatches.packed(LmExamples.fromTexts(split.train(), tokenizer, null), eos,
                settings.blockLength(), settings.batchSize(), RowOrder.shuffled(settings.seed()));
        RowBatches heldOut = RowBatches.packed(LmExamples.fromTexts(split.heldOut(), tokenizer, null), eos,
                settings.blockLength(), settings.batchSize(), RowOrder.asGiven());
        if (train.rowCount() == 0 || heldOut.rowCount() == 0) {
            throw new IllegalArgumentException("the text gives " + train.rowCount() + " training and "
                    + heldOut.rowCount() + " held-out blocks of " + settings.blockLength() + " tokens; both must be "
                    + "at least 1");
        }
        List<NamedParameter> parameters = adapter.parameters().entrySet().stream()
                .map(e -> new NamedParameter(e.getKey(), e.getValue())).toList();
        List<Variable> variables = parameters.stream().map(NamedParameter::variable).toList();
        AdamW optimizer = new AdamW(ParameterGroup.decayOnMatrices(parameters, settings.learningRate(),
                settings.weightDecay()), AdamSettings.defaults());
        long steps = (long) settings.epochs() * train.batchesPerEpoch();
        LearningRateSchedule schedule = LearningRateSchedules.cosine(0, steps);
        Hooks hooks = adapter.hooks();
        Files.createDirectories(out);
        double best = Double.POSITIVE_INFINITY;
        long bestStep = 0;
        for (long step = 0; step < steps; step++) {
            TrainingBatch batch = train.next();
            double loss = GradientAccumulation.backward(model, hooks, List.of(batch)).loss();
            if (Double.isFinite(GradientClipping.clipByGlobalNorm(variables, CLIP_NORM))) {
                optimizer.step(schedule.factor(step));
            }
            optimizer.zeroGrad();
            if ((step + 1) % settings.evalEvery() == 0 || step + 1 == steps) {
                double evaluated = Evaluation.run(model, hooks, heldOut).loss();
                // saved before progress hears of it, so what is kept is what was measured
                if (evaluated < best) {
                    best = evaluated;
                    bestStep = step + 1;
                    adapter.save(out);
                }
                progress.accept(new Evaluated(step + 1, steps, loss, evaluated));
            }
        }
        return new Result(steps, best, bestStep, train.rowCount(), heldOut.rowCount());
    }
}
