package dev.rein.training.trainer;

import dev.rein.autograd.Variable;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.Transformer;
import dev.rein.data.batch.BatchSource;
import dev.rein.data.batch.DataPosition;
import dev.rein.data.batch.TrainingBatch;
import dev.rein.training.checkpoints.CheckpointStore;
import dev.rein.training.checkpoints.ModelFolder;
import dev.rein.training.checkpoints.TrainerState;
import dev.rein.training.checkpoints.TrainingCheckpoint;
import dev.rein.training.optim.GradientClipping;
import dev.rein.training.optim.LearningRateSchedule;
import dev.rein.training.optim.NamedParameter;
import dev.rein.training.optim.Optimizer;
import dev.rein.training.optim.ParameterGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Trains a causal language model on labelled token batches. Each step reads {@code accumulation} micro-batches,
 * runs forward and backward on each ({@link GradientAccumulation}: the shifted cross-entropy of
 * {@link CausalLmLoss}, weighted by target tokens), clips the gradients' global norm, and updates the optimizer's
 * parameters at the schedule's learning rate. Around the steps it evaluates on held-out batches, writes a line of
 * {@link MetricsLog} per step, shows a progress bar, and writes resumable checkpoints ({@link CheckpointStore});
 * the trained model goes to {@code <output>/final} at the end.
 *
 * <p>The weights trained are the optimizer's parameters: load the model with the chosen weights trainable
 * ({@code LanguageModel.load(folder, selection)}) and give the optimizer the trainable ones.
 *
 * <p><b>Resuming.</b> The schedule depends on the step only and the data order on the seed and the data position
 * only, so a checkpoint (weights, optimizer state, step, data position) is all that is needed: a resumed run takes
 * the same steps, with the same losses, as one that was never interrupted. A step whose gradient norm is not finite
 * (an overflow) updates nothing; its line logs the norm as null.
 */
public final class CausalLmTrainer {
    private final Transformer model;
    private final Hooks hooks;
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final TrainingConfig config;
    private final List<Variable> parameters = new ArrayList<>();

    /** A trainer for the plain model (no hooks). */
    public CausalLmTrainer(Transformer model, Optimizer optimizer, LearningRateSchedule schedule,
                           TrainingConfig config) {
        this(model, Hooks.none(), optimizer, schedule, config);
    }

    /**
     * A trainer whose forward passes run with {@code hooks}, for adapters that edit activations; their parameters
     * must be in the optimizer's groups.
     */
    public CausalLmTrainer(Transformer model, Hooks hooks, Optimizer optimizer, LearningRateSchedule schedule,
                           TrainingConfig config) {
        this.model = model;
        this.hooks = hooks;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.config = config;
        for (ParameterGroup group : optimizer.groups()) {
            for (NamedParameter parameter : group.parameters()) {
                parameters.add(parameter.variable());
            }
        }
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("the optimizer has no parameters: nothing would be trained");
        }
    }

    /**
     * Trains {@link TrainingConfig#steps()} steps from the start; see {@link #resume} to continue a run.
     *
     * @param train the training batches
     * @param eval  held-out batches, or null for none
     * @throws IllegalArgumentException when the output folder already holds checkpoints
     */
    public TrainingSummary train(BatchSource train, BatchSource eval, TrainingOutput output) throws IOException {
        return run(train, eval, output, false);
    }

    /**
     * Trains up to {@link TrainingConfig#steps()} steps, continuing from the newest checkpoint in the output folder
     * (model, optimizer state and data position), or from the start when the folder holds none.
     *
     * @param train the training batches
     * @param eval  held-out batches, or null for none
     * @throws IllegalArgumentException when the checkpoint resumed from was made with other data settings
     */
    public TrainingSummary resume(BatchSource train, BatchSource eval, TrainingOutput output) throws IOException {
        return run(train, eval, output, true);
    }

    private TrainingSummary run(BatchSource train, BatchSource eval, TrainingOutput output, boolean resume)
            throws IOException {
        Files.createDirectories(output.folder());
        CheckpointStore checkpoints = new CheckpointStore(output.folder(), config.keepCheckpoints());
        checkpoints.deletePartial();
        Optional<Path> latest = checkpoints.latest();
        if (latest.isPresent() && !resume) {
            throw new IllegalArgumentException(output.folder() + " already holds " + latest.get().getFileName()
                    + ": resume from it, or train into another folder");
        }
        long step = 0;
        train.seek(DataPosition.START);
        if (latest.isPresent()) {
            TrainerState state = TrainingCheckpoint.restore(latest.get(), optimizer);
            checkSameData(state, latest.get(), train);
            step = state.step();
            train.seek(state.data());
        }
        long resumedFrom = step;
        StepMetrics last = null;
        try (MetricsLog log = MetricsLog.open(output.metricsLog(), step);
             ProgressDisplay progress = ProgressDisplay.open(step, config.steps(), config.progress())) {
            while (step < config.steps()) {
                last = step(step, train, eval);
                step = last.step();
                log.write(last);
                progress.update(last);
                if (config.savesAfter(step)) {
                    checkpoints.save(step, model, output.filesFrom(), optimizer, state(step, train));
                }
            }
        }
        ModelFolder.publish(output.finalModel(), model, output.filesFrom());
        return new TrainingSummary(step, resumedFrom, last, last == null ? null : last.eval(), output.finalModel());
    }

    /** Update number {@code done + 1}: micro-batches, backward, clipping, the optimizer, and its evaluation. */
    private StepMetrics step(long done, BatchSource train, BatchSource eval) {
        long start = System.nanoTime();
        List<TrainingBatch> microBatches = new ArrayList<>();
        for (int i = 0; i < config.accumulation(); i++) {
            microBatches.add(train.next());
        }
        GradientAccumulation.StepLoss loss = GradientAccumulation.backward(model, hooks, microBatches);
        // without clipping the norm is still measured: no finite norm exceeds Double.MAX_VALUE, so nothing is scaled
        double maxNorm = config.clipNorm() > 0 ? config.clipNorm() : Double.MAX_VALUE;
        double norm = GradientClipping.clipByGlobalNorm(parameters, maxNorm);
        double factor = schedule.factor(done);
        if (Double.isFinite(norm)) {
            optimizer.step(factor);
        }
        optimizer.zeroGrad();
        double seconds = (System.nanoTime() - start) / 1e9;
        long step = done + 1;
        EvalResult evaluated = eval != null && config.evaluatesAfter(step) ? Evaluation.run(model, hooks, eval) : null;
        DataPosition at = train.position();
        return new StepMetrics(step, at.epoch() + (double) at.batch() / train.batchesPerEpoch(), loss.loss(),
                optimizer.groups().getFirst().learningRate() * factor, norm, loss.tokens(), loss.tokens() / seconds,
                evaluated);
    }

    private TrainerState state(long step, BatchSource train) {
        return new TrainerState(step, train.position(), config.seed(), config.accumulation(), train.batchesPerEpoch(),
                config.steps(), optimizer.state().kind(), schedule.toString());
    }

    /** A resumed run must read the same batches in the same order, or it is another run. */
    private void checkSameData(TrainerState state, Path checkpoint, BatchSource train) {
        check(checkpoint, "seed", state.seed(), config.seed());
        check(checkpoint, "accumulation", state.accumulation(), config.accumulation());
        check(checkpoint, "batches per epoch", state.batchesPerEpoch(), train.batchesPerEpoch());
    }

    private static void check(Path checkpoint, String what, long saved, long now) {
        if (saved != now) {
            throw new IllegalArgumentException(checkpoint + " was trained with " + what + " " + saved
                    + ", this run has " + now + ": resume with the same data settings");
        }
    }
}
