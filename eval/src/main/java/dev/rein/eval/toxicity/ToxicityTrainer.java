package dev.rein.eval.toxicity;

import dev.rein.autograd.LossFunctions;
import dev.rein.autograd.Variable;
import dev.rein.data.lm.EpochOrder;
import dev.rein.formats.config.ModelConfig;
import dev.rein.models.LanguageModel;
import dev.rein.models.ModelReference;
import dev.rein.models.hooks.HookPoints;
import dev.rein.tensor.Tensor;
import dev.rein.training.freezing.TrainableParameters;
import dev.rein.training.heads.HeadConfig;
import dev.rein.training.heads.PooledHead;
import dev.rein.training.heads.Pooling;
import dev.rein.training.optim.AdamSettings;
import dev.rein.training.optim.AdamW;
import dev.rein.training.optim.GradientClipping;
import dev.rein.training.optim.LearningRateSchedule;
import dev.rein.training.optim.LearningRateSchedules;
import dev.rein.training.optim.NamedParameter;
import dev.rein.training.optim.Optimizer;
import dev.rein.training.optim.ParameterGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Trains a {@link LearnedToxicityScorer} to predict reference toxicity scores: a fresh {@link PooledHead} (mean of
 * the final normed states, one output) on a model loaded with {@link ToxicityTrainingConfig#backbone()} trainable,
 * with the soft binary cross-entropy of its logit against the reference score ({@link LossFunctions#binaryCrossEntropyWithLogits}):
 * the scores are probabilities, and cross-entropy is the log loss that probabilities are fitted with, whose
 * gradient {@code sigmoid(z) - y} does not fade when the output saturates as a squared error's would. AdamW with
 * the config's schedule and gradient clipping; every epoch visits the texts in a seeded order.
 *
 * <p>When no weight of the model is trained, its pooled states do not change, so each text is run through the
 * model once and the head trains on the pooled vectors: the same steps, at a fraction of the cost.
 */
public final class ToxicityTrainer {
    /** A finished run: the trained scorer (the caller closes it), each epoch's mean training loss, its seconds. */
    public record Run(LearnedToxicityScorer scorer, double[] epochLosses, double seconds) {
    }

    private final ToxicityTrainingConfig config;
    private final Consumer<String> log;

    /** @param log receives a line after each epoch */
    public ToxicityTrainer(ToxicityTrainingConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    /**
     * Trains a head on the model in {@code baseModel} to predict the toxicity of {@code examples}.
     *
     * @throws IllegalArgumentException when there are no examples, the model has no tokenizer, or the schedule spec
     *                                  is malformed
     * @throws dev.rein.formats.FormatException when the model folder is missing or malformed
     */
    public Run train(Path baseModel, List<ToxicityExample> examples) throws IOException {
        return train(new ModelReference.Local(baseModel), examples);
    }

    /**
     * Trains a head on the model {@code baseModel} names (a folder, the embedded default model, a Hub id), which
     * the saved scorer names the same way, so that a scorer on the embedded model loads in a later run.
     *
     * @throws IllegalArgumentException as {@link #train(Path, List)} does
     * @throws dev.rein.formats.FormatException when the model cannot be found or is malformed
     */
    public Run train(ModelReference baseModel, List<ToxicityExample> examples) throws IOException {
        if (examples.isEmpty()) throw new IllegalArgumentException("no texts to train on");
        long start = System.nanoTime();
        LanguageModel model = LanguageModel.load(baseModel.resolve(), config.backbone());
        try {
            LearnedToxicityScorer scorer = new LearnedToxicityScorer(model, baseModel, newHead(model.config()),
                    config.maxTokens());
            double[] losses = fit(scorer, examples);
            return new Run(scorer, losses, (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private PooledHead newHead(ModelConfig model) {
        int inner = config.pooler() == HeadConfig.PoolerKind.SWIGLU_TANH ? model.intermediateSize() : 0;
        return PooledHead.create(new HeadConfig(HookPoints.FINAL_NORMALIZED, new Pooling.Mean(), config.pooler(),
                model.hiddenSize(), inner, 1, true, HeadConfig.DEFAULT_INIT_STD), config.seed());
    }

    /** The training loop; returns each epoch's mean loss. */
    private double[] fit(LearnedToxicityScorer scorer, List<ToxicityExample> examples) {
        List<NamedParameter> backbone = TrainableParameters.of(scorer.model().transformer().weights());
        List<NamedParameter> head = new ArrayList<>();
        scorer.head().parameters().forEach((name, p) -> head.add(new NamedParameter("toxicity_head." + name, p)));
        List<ParameterGroup> groups = new ArrayList<>();
        groups.add(ParameterGroup.of("head", head, config.learningRate(), config.weightDecay()));
        if (!backbone.isEmpty()) {
            groups.add(ParameterGroup.of("backbone", backbone, config.learningRate(), config.weightDecay()));
        }
        Optimizer optimizer = new AdamW(groups, AdamSettings.defaults());
        List<Variable> parameters = groups.stream().flatMap(g -> g.parameters().stream())
                .map(NamedParameter::variable).toList();

        int n = examples.size();
        int stepsPerEpoch = (n + config.batchSize() - 1) / config.batchSize();
        LearningRateSchedule schedule = LearningRateSchedules.parse(config.schedule(),
                (long) stepsPerEpoch * config.epochs());
        List<String> texts = examples.stream().map(ToxicityExample::text).toList();
        float[][] pooled = backbone.isEmpty() ? scorer.pooledStates(texts) : null;
        int[][] ids = backbone.isEmpty() ? null : texts.stream().map(scorer.texts()::encode).toArray(int[][]::new);

        double[] epochLosses = new double[config.epochs()];
        long step = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            int[] order = EpochOrder.shuffled(n, config.seed(), epoch);
            double lossSum = 0;
            for (int first = 0; first < n; first += config.batchSize()) {
                int[] rows = Arrays.copyOfRange(order, first, Math.min(n, first + config.batchSize()));
                Variable logits = pooled != null
                        ? scorer.head().fromPooled(Variable.constant(gather(pooled, rows)))
                        : scorer.logits(scorer.texts().batch(ids, rows));
                Variable loss = LossFunctions.binaryCrossEntropyWithLogits(logits, targets(examples, rows));
                loss.backward();
                if (config.clipNorm() > 0) GradientClipping.clipByGlobalNorm(parameters, config.clipNorm());
                optimizer.step(schedule.factor(step++));
                optimizer.zeroGrad();
                lossSum += loss.value().item() * rows.length;
            }
            epochLosses[epoch] = lossSum / n;
            log.accept(String.format(Locale.ROOT, "epoch %d/%d: loss %.4f (%.1f s)", epoch + 1, config.epochs(),
                    epochLosses[epoch], (System.nanoTime() - epochStart) / 1e9));
        }
        return epochLosses;
    }

    private static Tensor gather(float[][] pooled, int[] rows) {
        int h = pooled[rows[0]].length;
        float[] values = new float[rows.length * h];
        for (int i = 0; i < rows.length; i++) System.arraycopy(pooled[rows[i]], 0, values, i * h, h);
        return Tensor.of(values, rows.length, h);
    }

    private static Tensor targets(List<ToxicityExample> examples, int[] rows) {
        float[] values = new float[rows.length];
        for (int i = 0; i < rows.length; i++) values[i] = (float) examples.get(rows[i]).toxicity();
        return Tensor.of(values, rows.length, 1);
    }
}
