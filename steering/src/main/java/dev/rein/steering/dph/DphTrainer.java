package dev.rein.steering.dph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.autograd.NoGrad;
import dev.rein.autograd.Variable;
import dev.rein.data.batch.TrainingBatch;
import dev.rein.data.lm.LmExample;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.models.transformer.Logits;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Indexing;
import dev.rein.tensor.Tensor;
import dev.rein.training.checkpoints.CheckpointStore;
import dev.rein.training.checkpoints.ModelFolder;
import dev.rein.training.checkpoints.TrainerState;
import dev.rein.training.checkpoints.TrainingCheckpoint;
import dev.rein.training.freezing.TrainableParameters;
import dev.rein.training.optim.AdamSettings;
import dev.rein.training.optim.GradientClipping;
import dev.rein.training.optim.LaProp;
import dev.rein.training.optim.NamedParameter;
import dev.rein.training.optim.ParameterGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Trains DPH heads on preference pairs (METHODS.md 3.2), with the backbone frozen or trained:
 * <ul>
 *   <li><b>wrapped</b> (the model has no trainable weight, as {@code LanguageModel.load} gives it): the backbone runs
 *       once, without gradients, to pool every reply's final normed state, and only the pooler and heads train on
 *       those states;</li>
 *   <li><b>full</b> (the model loaded with trainable weights): every micro-batch runs the backbone with gradients;
 *       its weights decay toward their initial values (LaProp's decay_init), and cDPO on the LM head against a
 *       frozen reference copy joins the loss when its weight is above 0.</li>
 * </ul>
 * Each update: {@code accumulation} micro-batches of pairs, loss {@code (w_dph·L_DPH + w_dpo·L_DPO) / accumulation}
 * (L_DPH averaged over the heads, all trained on the same pairs), backward, clipping of the global norm, and a LaProp
 * step at the rate of a {@link TokenCosineSchedule}. LaProp uses betas (0.9, 0.95) and ε 1e-8, the LSWT defaults.
 *
 * <p>Output folder: {@value #HEADS_FOLDER}/ (the trained {@link DphHeads}), {@value #MODEL_FOLDER}/ (the trained
 * backbone, full training only), {@value #METRICS_FILE} (one {@link DphStep} per line), {@value #SETTINGS_FILE}, and
 * resumable {@code checkpoint-<step>} folders. A resumed run reads the same pairs, draws the same dropout masks and
 * recounts the same tokens, so it takes the same steps as an uninterrupted one.
 */
public final class DphTrainer {
    /** Where the trained heads go. */
    public static final String HEADS_FOLDER = "heads";
    /** Where the trained backbone goes (full training). */
    public static final String MODEL_FOLDER = "model";
    /** The per-step metrics of the run (of the steps this process took). */
    public static final String METRICS_FILE = "metrics.jsonl";
    /** The settings the run was started with. */
    public static final String SETTINGS_FILE = "training.json";
    private static final String HEAD_PREFIX = "dph.";
    private static final int KEEP_CHECKPOINTS = 2;

    /** What a run did: its steps, the step it resumed from (0 when fresh) and where the heads and model went. */
    public record Result(List<DphStep> steps, long resumedFrom, Path heads, Optional<Path> model) {
        public Result {
            steps = List.copyOf(steps);
        }
    }

    private final DphModel model;
    private final Transformer reference;
    private final Path filesFrom;
    private final DphTrainingSettings settings;
    private final List<LmExample> chosen = new ArrayList<>();
    private final List<LmExample> rejected = new ArrayList<>();
    private final long[] pairTokens;
    private final List<NamedParameter> backbone;
    private final LaProp optimizer;
    private final List<Variable> parameters;
    private final PairOrder order;
    private final TokenCosineSchedule schedule;
    private Tensor pooledChosen;      // [N, d], wrapped training only
    private Tensor pooledRejected;

    /**
     * @param reference the frozen starting model for cDPO; null when cDPO is off
     * @param filesFrom the model folder whose config and tokenizer files go with checkpoints and the trained model
     * @throws IllegalArgumentException when a pair cannot be written in the format (naming its line), or cDPO is on
     *                                  without a trainable backbone or a reference
     */
    public DphTrainer(DphModel model, Transformer reference, Path filesFrom, List<PreferencePair> pairs,
                      DphTrainingSettings settings) {
        this.model = model;
        this.reference = reference;
        this.filesFrom = filesFrom;
        this.settings = settings;
        if (pairs.isEmpty()) throw new IllegalArgumentException("no preference pairs to train on");
        pairTokens = new long[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            PreferencePair pair = pairs.get(i);
            try {
                chosen.add(model.format().example(pair.prompt(), pair.chosen()));
                rejected.add(model.format().example(pair.prompt(), pair.rejected()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException((pair.line() > 0 ? "line " + pair.line() : "pair " + i) + ": "
                        + e.getMessage(), e);
            }
            pairTokens[i] = chosen.getLast().length() + rejected.getLast().length();
        }
        backbone = TrainableParameters.of(model.transformer().weights());
        if (settings.dpoWeight() > 0 && (backbone.isEmpty() || reference == null)) {
            throw new IllegalArgumentException("cDPO trains the language model against a reference copy: load the "
                    + "model with trainable weights and give the frozen reference");
        }
        List<NamedParameter> head = new ArrayList<>();
        model.heads().parameters().forEach((name, p) -> head.add(new NamedParameter(HEAD_PREFIX + name, p)));
        List<ParameterGroup> groups = new ArrayList<>();
        groups.add(new ParameterGroup("dph_heads", head, settings.learningRate(), settings.headWeightDecay(), false));
        if (!backbone.isEmpty()) {
            groups.add(new ParameterGroup("backbone", backbone, settings.learningRate(), settings.weightDecay(), true));
        }
        optimizer = new LaProp(groups, new AdamSettings(0.9, 0.95, 1e-8));
        parameters = groups.stream().flatMap(g -> g.parameters().stream()).map(NamedParameter::variable).toList();
        order = new PairOrder(pairs.size(), settings.batchSize(), settings.seed());
        long cooldown = settings.cooldownTokens() > 0 ? settings.cooldownTokens()
                : tokensRead(settings.steps() * settings.accumulation());
        schedule = new TokenCosineSchedule(settings.warmupSteps(), cooldown, settings.cooldownRatio());
    }

    /** Whether the backbone is frozen (wrapped DPH: only the pooler and heads train). */
    public boolean wrapped() {
        return backbone.isEmpty();
    }

    /**
     * Trains from the start into {@code out}.
     *
     * @param onStep told each update's metrics as it ends
     * @throws IllegalArgumentException when {@code out} already holds a checkpoint
     */
    public Result train(Path out, Consumer<DphStep> onStep) throws IOException {
        return run(out, onStep, false);
    }

    /**
     * Continues the run in {@code out} from its newest checkpoint (from the start when it holds none).
     *
     * @throws IllegalArgumentException when the checkpoint was made with another seed, accumulation or pair count
     */
    public Result resume(Path out, Consumer<DphStep> onStep) throws IOException {
        return run(out, onStep, true);
    }

    private Result run(Path out, Consumer<DphStep> onStep, boolean resume) throws IOException {
        Files.createDirectories(out);
        CheckpointStore checkpoints = new CheckpointStore(out, KEEP_CHECKPOINTS);
        checkpoints.deletePartial();
        Optional<Path> latest = checkpoints.latest();
        if (latest.isPresent() && !resume) {
            throw new IllegalArgumentException(out + " already holds " + latest.get().getFileName()
                    + ": resume from it, or train into another folder");
        }
        long step = 0;
        if (latest.isPresent()) {
            TrainerState state = TrainingCheckpoint.restore(latest.get(), optimizer);
            if (state.seed() != settings.seed() || state.accumulation() != settings.accumulation()
                    || state.batchesPerEpoch() != order.batchesPerEpoch()) {
                throw new IllegalArgumentException(latest.get() + " was trained with other data settings (seed "
                        + state.seed() + ", accumulation " + state.accumulation() + ", " + state.batchesPerEpoch()
                        + " batches per epoch): resume with the same pairs and settings");
            }
            step = state.step();
            order.seek(state.data());
        }
        long resumedFrom = step;
        long tokens = tokensRead(step * settings.accumulation());
        if (wrapped()) {
            int rows = 2 * settings.batchSize();
            pooledChosen = model.pooled(chosen, rows);
            pooledRejected = model.pooled(rejected, rows);
        }
        AtomicFiles.write(out.resolve(SETTINGS_FILE), settingsJson());
        List<DphStep> steps = new ArrayList<>();
        while (step < settings.steps()) {
            DphStep done = step(step, tokens);
            steps.add(done);
            onStep.accept(done);
            step = done.step();
            tokens = done.tokens();
            if (settings.saveEvery() > 0 && step % settings.saveEvery() == 0) {
                checkpoints.save(step, model.transformer(), filesFrom, optimizer, new TrainerState(step,
                        order.position(), settings.seed(), settings.accumulation(), order.batchesPerEpoch(),
                        settings.steps(), LaProp.KIND, schedule.toString()));
            }
        }
        Path heads = out.resolve(HEADS_FOLDER);
        model.heads().save(heads);
        Optional<Path> trained = Optional.empty();
        if (!wrapped()) {
            trained = Optional.of(out.resolve(MODEL_FOLDER));
            ModelFolder.publish(trained.get(), model.transformer(), filesFrom);
        }
        StringBuilder lines = new StringBuilder();
        steps.forEach(s -> lines.append(s.toJson()).append('\n'));
        AtomicFiles.write(out.resolve(METRICS_FILE), lines.toString().getBytes(StandardCharsets.UTF_8));
        return new Result(steps, resumedFrom, heads, trained);
    }

    /** Update {@code done + 1}, after {@code tokens} tokens were read. */
    private DphStep step(long done, long tokens) {
        double[] sums = new double[7];                // loss, dph loss/acc/margin, dpo loss/acc/margin
        long read = tokens;
        for (int micro = 0; micro < settings.accumulation(); micro++) {
            int[] pairs = order.next();
            for (int pair : pairs) read += pairTokens[pair];
            MicroBatch batch = microBatch(pairs, settings.seed() * 1_000_003L + done * 131 + micro);
            batch.total().div((float) settings.accumulation()).backward();
            sums[0] += batch.total().value().item();
            add(sums, 1, batch.dph());
            if (batch.dpo() != null) add(sums, 4, batch.dpo());
        }
        double norm = GradientClipping.clipByGlobalNorm(parameters,
                settings.clipNorm() > 0 ? settings.clipNorm() : Double.MAX_VALUE);
        double factor = schedule.factor(done, tokens);
        if (Double.isFinite(norm)) optimizer.step(factor);
        optimizer.zeroGrad();
        int n = settings.accumulation();
        DphStep.Terms dpo = settings.dpoWeight() > 0 ? new DphStep.Terms(sums[4] / n, sums[5] / n, sums[6] / n)
                : DphStep.Terms.NONE;
        return new DphStep(done + 1, sums[0] / n, new DphStep.Terms(sums[1] / n, sums[2] / n, sums[3] / n), dpo,
                settings.learningRate() * factor, norm, read);
    }

    /** One micro-batch's losses: the weighted total, DPH's (first head's metrics) and cDPO's (null when off). */
    private record MicroBatch(Variable total, PairLoss dph, PairLoss dpo) {
    }

    private MicroBatch microBatch(int[] pairs, long dropoutSeed) {
        int b = pairs.length;
        Variable pooled;
        TrainingBatch batch = null;
        Variable logits = null;
        if (wrapped()) {
            Tensor index = Tensor.ofLongs(Arrays.stream(pairs).asLongStream().toArray(), b);
            pooled = Variable.constant(Indexing.concat(List.of(Indexing.indexSelect(pooledChosen, 0, index),
                    Indexing.indexSelect(pooledRejected, 0, index)), 0));
        } else {
            List<LmExample> rows = new ArrayList<>();
            for (int pair : pairs) rows.add(chosen.get(pair));
            for (int pair : pairs) rows.add(rejected.get(pair));
            batch = model.collate(rows);
            DphModel.Forward forward = model.forward(batch,
                    settings.dpoWeight() > 0 ? Logits.ALL_POSITIONS : Logits.LAST_POSITION);
            pooled = forward.pooled();
            logits = forward.logits();
        }
        Variable rewards = model.heads().trainingRewards(pooled, dropoutSeed);              // [2b, k]
        int k = rewards.size(1);
        PairLoss first = null;
        Variable dphLoss = null;
        for (int column = 0; column < k; column++) {
            Variable r = rewards.narrow(1, column, 1);
            PairLoss loss = PairLoss.dph(r.narrow(0, 0, b), r.narrow(0, b, b), settings.objective(),
                    settings.dphSmoothing());
            first = first == null ? loss : first;
            dphLoss = dphLoss == null ? loss.loss() : dphLoss.add(loss.loss());
        }
        Variable total = dphLoss.div((float) k).mul((float) settings.dphWeight());
        PairLoss dpo = null;
        if (settings.dpoWeight() > 0) {
            dpo = cdpo(batch, logits, b);
            total = total.add(dpo.loss().mul((float) settings.dpoWeight()));
        }
        return new MicroBatch(total, first, dpo);
    }

    private PairLoss cdpo(TrainingBatch batch, Variable logits, int b) {
        Variable policy = settings.logProbs().of(logits, batch.labels());                       // [2b, 1]
        Tensor fromReference;
        try (NoGrad _ = NoGrad.enter()) {
            fromReference = settings.logProbs().of(reference.forward(batch.tokens()), batch.labels()).value();
        }
        return PairLoss.cdpo(policy.narrow(0, 0, b), policy.narrow(0, b, b), fromReference.narrow(0, 0, b),
                fromReference.narrow(0, b, b), settings.dpoBeta(), settings.dpoSmoothing());
    }

    private static void add(double[] sums, int at, PairLoss loss) {
        sums[at] += loss.loss().value().item();
        sums[at + 1] += loss.accuracy();
        sums[at + 2] += loss.margin();
    }

    /** The tokens of the first {@code batches} micro-batches of the run's order. */
    private long tokensRead(long batches) {
        PairOrder replay = new PairOrder(pairTokens.length, settings.batchSize(), settings.seed());
        long tokens = 0;
        for (long i = 0; i < batches; i++) {
            for (int pair : replay.next()) tokens += pairTokens[pair];
        }
        return tokens;
    }

    private byte[] settingsJson() {
        ObjectNode json = settings.toJson();
        json.put("backbone", wrapped() ? "frozen" : "trained").put("pairs", pairTokens.length)
                .put("heads", String.join(",", model.heads().names()))
                .put("pooler", model.heads().pooler().label()).put("dropout", model.heads().dropout())
                .put("pool_token", model.heads().poolToken()).put("schedule", schedule.toString());
        return (json.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
