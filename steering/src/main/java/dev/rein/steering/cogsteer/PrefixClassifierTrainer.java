package dev.rein.steering.cogsteer;

import dev.rein.autograd.LossFunctions;
import dev.rein.autograd.NoGrad;
import dev.rein.autograd.Variable;
import dev.rein.data.lm.EpochOrder;
import dev.rein.data.lm.HeldOut;
import dev.rein.eval.toxicity.TextBatches;
import dev.rein.formats.config.ModelConfig;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.Tokenizer;
import dev.rein.training.optim.AdamSettings;
import dev.rein.training.optim.AdamW;
import dev.rein.training.optim.GradientClipping;
import dev.rein.training.optim.LearningRateSchedule;
import dev.rein.training.optim.LearningRateSchedules;
import dev.rein.training.optim.NamedParameter;
import dev.rein.training.optim.ParameterGroup;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Trains a {@link PrefixClassifier} and scores it on held-out rows (METHODS.md 4.4): the rows split by {@link
 * HeldOut} (the settings' share and seed), texts tokenised as a model-based scorer tokenises them ({@link
 * TextBatches}: BOS, cut to max tokens, right-padded), cross-entropy of the class logits, AdamW over the prefix and
 * the head only (the base frozen), linear warmup then cosine, gradients clipped at norm 1 as Hugging Face's Trainer
 * clips them; every epoch visits the training rows in a seeded order. Then the held-out rows are predicted (argmax)
 * and scored ({@link ClassificationScores}).
 */
public final class PrefixClassifierTrainer {
    private static final double CLIP_NORM = 1.0;

    /** A run: its held-out scores, each epoch's mean training loss, and the sizes of the two parts. */
    public record Result(ClassificationScores scores, double[] epochLosses, int trainRows, int heldOutRows) {
    }

    private PrefixClassifierTrainer() {
    }

    /**
     * Trains {@code classifier} on part of {@code rows} and scores it on the rest.
     *
     * @throws IllegalArgumentException when a label is not below the classifier's classes, or a part is empty
     */
    public static Result run(PrefixClassifier classifier, ModelConfig config, Tokenizer tokenizer,
                             List<LabelledText> rows, PrefixClassifierSettings settings, Consumer<String> log) {
        for (LabelledText row : rows) {
            if (row.label() >= classifier.classes()) {
                throw new IllegalArgumentException("label " + row.label() + " is not below the classifier's "
                        + classifier.classes() + " classes");
            }
        }
        HeldOut<LabelledText> split = HeldOut.split(rows, settings.heldOutShare(), settings.seed());
        TextBatches texts = TextBatches.forModel(tokenizer, config, settings.maxTokens());
        double[] losses = train(classifier, texts, split.train(), settings, log);
        int[] labels = split.heldOut().stream().mapToInt(LabelledText::label).toArray();
        return new Result(ClassificationScores.of(predict(classifier, texts, split.heldOut(), settings.batchSize()),
                labels), losses, split.train().size(), split.heldOut().size());
    }

    /** The class of highest logit for each row, in batches of {@code batchSize}. */
    public static int[] predict(PrefixClassifier classifier, TextBatches texts, List<LabelledText> rows,
                                int batchSize) {
        int[] predictions = new int[rows.size()];
        try (NoGrad scope = NoGrad.enter()) {
            texts.inBatches(rows.stream().map(LabelledText::text).toList(), batchSize, (batchRows, batch) -> {
                float[] logits = classifier.logits(batch).value().contiguous().toFloatArray();     // [B, k]
                int k = classifier.classes();
                for (int i = 0; i < batchRows.length; i++) {
                    int best = 0;
                    for (int c = 1; c < k; c++) if (logits[i * k + c] > logits[i * k + best]) best = c;
                    predictions[batchRows[i]] = best;
                }
            });
        }
        return predictions;
    }

    private static double[] train(PrefixClassifier classifier, TextBatches texts, List<LabelledText> rows,
                                  PrefixClassifierSettings settings, Consumer<String> log) {
        List<NamedParameter> parameters = classifier.parameters().entrySet().stream()
                .map(e -> new NamedParameter(e.getKey(), e.getValue())).toList();
        List<Variable> variables = parameters.stream().map(NamedParameter::variable).toList();
        AdamW optimizer = new AdamW(ParameterGroup.decayOnMatrices(parameters, settings.learningRate(),
                settings.weightDecay()), AdamSettings.defaults());
        int n = rows.size();
        int[][] ids = rows.stream().map(row -> texts.encode(row.text())).toArray(int[][]::new);
        long steps = (long) settings.epochs() * ((n + settings.batchSize() - 1) / settings.batchSize());
        LearningRateSchedule schedule = LearningRateSchedules.cosine(
                LearningRateSchedules.warmupSteps(settings.warmupRatio(), steps), steps);
        double[] epochLosses = new double[settings.epochs()];
        long step = 0;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            int[] order = EpochOrder.shuffled(n, settings.seed(), epoch);
            double sum = 0;
            for (int first = 0; first < n; first += settings.batchSize()) {
                int[] batchRows = Arrays.copyOfRange(order, first, Math.min(n, first + settings.batchSize()));
                long[] targets = Arrays.stream(batchRows).mapToLong(i -> rows.get(i).label()).toArray();
                Variable loss = LossFunctions.crossEntropy(classifier.logits(texts.batch(ids, batchRows)),
                        Tensor.ofLongs(targets, targets.length));
                loss.backward();
                if (Double.isFinite(GradientClipping.clipByGlobalNorm(variables, CLIP_NORM))) {
                    optimizer.step(schedule.factor(step));
                }
                optimizer.zeroGrad();
                step++;
                sum += loss.value().item() * batchRows.length;
            }
            epochLosses[epoch] = sum / n;
            log.accept(String.format(Locale.ROOT, "epoch %d/%d: training loss %.4f", epoch + 1,
                    settings.epochs(), epochLosses[epoch]));
        }
        return epochLosses;
    }
}
