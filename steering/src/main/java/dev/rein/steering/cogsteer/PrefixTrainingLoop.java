package dev.rein.steering.cogsteer;

import dev.rein.autograd.NoGrad;
import dev.rein.autograd.Variable;
import dev.rein.data.lm.EpochOrder;
import dev.rein.eval.toxicity.TextBatches;
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
 * The training loop and the batched forward pass that {@link PrefixClassifierTrainer} and {@link
 * PrefixRegressionTrainer} share (METHODS.md 4.4): AdamW over the prefix and the head only (the base frozen), linear
 * warmup then cosine, gradients clipped at norm 1 as Hugging Face's Trainer clips them, every epoch visiting the
 * rows in a seeded order. Only the loss of a batch differs between the two objectives.
 */
final class PrefixTrainingLoop {
    private static final double CLIP_NORM = 1.0;

    /** The loss of one batch: the head's outputs [B, k] for the rows {@code batchRows} (indices into the texts). */
    @FunctionalInterface
    interface BatchLoss {
        Variable of(Variable outputs, int[] batchRows);
    }

    private PrefixTrainingLoop() {
    }

    /** Trains {@code classifier} on {@code rows} to lower {@code loss}; each epoch's mean training loss. */
    static double[] train(PrefixClassifier classifier, TextBatches texts, List<String> rows, BatchLoss loss,
                          PrefixClassifierSettings settings, Consumer<String> log) {
        List<NamedParameter> parameters = classifier.parameters().entrySet().stream()
                .map(e -> new NamedParameter(e.getKey(), e.getValue())).toList();
        List<Variable> variables = parameters.stream().map(NamedParameter::variable).toList();
        AdamW optimizer = new AdamW(ParameterGroup.decayOnMatrices(parameters, settings.learningRate(),
                settings.weightDecay()), AdamSettings.defaults());
        int n = rows.size();
        int[][] ids = rows.stream().map(texts::encode).toArray(int[][]::new);
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
                Variable batchLoss = loss.of(classifier.logits(texts.batch(ids, batchRows)), batchRows);
                batchLoss.backward();
                if (Double.isFinite(GradientClipping.clipByGlobalNorm(variables, CLIP_NORM))) {
                    optimizer.step(schedule.factor(step));
                }
                optimizer.zeroGrad();
                step++;
                sum += batchLoss.value().item() * batchRows.length;
            }
            epochLosses[epoch] = sum / n;
            log.accept(String.format(Locale.ROOT, "epoch %d/%d: training loss %.4f", epoch + 1,
                    settings.epochs(), epochLosses[epoch]));
        }
        return epochLosses;
    }

    /** The head's outputs for each of {@code rows}, row-major [N, k], in batches of {@code batchSize}, no gradients. */
    static float[] outputs(PrefixClassifier classifier, TextBatches texts, List<String> rows, int batchSize) {
        int k = classifier.classes();
        float[] outputs = new float[rows.size() * k];
        try (NoGrad scope = NoGrad.enter()) {
            texts.inBatches(rows, batchSize, (batchRows, batch) -> {
                float[] values = classifier.logits(batch).value().contiguous().toFloatArray();     // [B, k]
                for (int i = 0; i < batchRows.length; i++) {
                    System.arraycopy(values, i * k, outputs, batchRows[i] * k, k);
                }
            });
        }
        return outputs;
    }
}
