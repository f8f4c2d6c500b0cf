package dev.rein.steering.cogsteer;

import dev.rein.autograd.ReductionFunctions;
import dev.rein.autograd.Variable;
import dev.rein.data.lm.HeldOut;
import dev.rein.eval.Samples;
import dev.rein.eval.toxicity.TextBatches;
import dev.rein.formats.config.ModelConfig;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Trains a one-output {@link PrefixClassifier} (a regressor) and scores it on held-out rows (METHODS.md 4.4's
 * regression task, STS-B's objective): the rows split as {@link PrefixClassifierTrainer} splits them, the mean
 * squared error of the head's output against the target minimised by the shared loop ({@link PrefixTrainingLoop}).
 * Targets are standardised by the training rows' mean and standard deviation before training (so one learning rate
 * serves targets of any scale) and predictions mapped back; then the held-out rows are scored ({@link
 * RegressionScores}, against predicting the training mean).
 */
public final class PrefixRegressionTrainer {
    /** A run: its held-out scores, each epoch's mean training loss (standardised units), the sizes of the parts. */
    public record Result(RegressionScores scores, double[] epochLosses, int trainRows, int heldOutRows) {
    }

    private PrefixRegressionTrainer() {
    }

    /**
     * Trains {@code regressor} on part of {@code rows} and scores it on the rest.
     *
     * @throws IllegalArgumentException when the regressor has more than one output, a part has fewer than two rows,
     *                                  or every training target is the same
     */
    public static Result run(PrefixClassifier regressor, ModelConfig config, Tokenizer tokenizer,
                             List<ScoredText> rows, PrefixClassifierSettings settings, Consumer<String> log) {
        if (regressor.classes() != 1) {
            throw new IllegalArgumentException("a regressor has one output, got " + regressor.classes());
        }
        HeldOut<ScoredText> split = HeldOut.split(rows, settings.heldOutShare(), settings.seed());
        List<ScoredText> train = split.train();
        double[] trainTargets = targets(train);
        double mean = Samples.mean(trainTargets);
        double spread = Samples.populationStd(trainTargets);
        if (!(spread > 0)) {
            throw new IllegalArgumentException("every training target is " + mean + "; nothing to regress");
        }
        float[] standardised = new float[trainTargets.length];
        for (int i = 0; i < standardised.length; i++) standardised[i] = (float) ((trainTargets[i] - mean) / spread);
        TextBatches texts = TextBatches.forModel(tokenizer, config, settings.maxTokens());
        double[] losses = PrefixTrainingLoop.train(regressor, texts, train.stream().map(ScoredText::text).toList(),
                (outputs, batchRows) -> meanSquaredError(outputs, standardised, batchRows), settings, log);
        double[] predictions = predict(regressor, texts, split.heldOut(), settings.batchSize(), mean, spread);
        return new Result(RegressionScores.of(predictions, targets(split.heldOut()), mean), losses, train.size(),
                split.heldOut().size());
    }

    /**
     * The regressor's prediction for each row, in batches of {@code batchSize}: its output scaled by {@code spread}
     * and shifted by {@code mean}, undoing the standardisation it was trained under (0 and 1 for none).
     */
    public static double[] predict(PrefixClassifier regressor, TextBatches texts, List<ScoredText> rows,
                                   int batchSize, double mean, double spread) {
        float[] outputs = PrefixTrainingLoop.outputs(regressor, texts, rows.stream().map(ScoredText::text).toList(),
                batchSize);                                                                       // [N, 1]
        double[] predictions = new double[outputs.length];
        for (int i = 0; i < outputs.length; i++) predictions[i] = mean + spread * outputs[i];
        return predictions;
    }

    /** The targets of {@code rows}, in order. */
    public static double[] targets(List<ScoredText> rows) {
        return rows.stream().mapToDouble(ScoredText::target).toArray();
    }

    // outputs [B, 1] against the targets of batchRows -> mean of the squared differences, a scalar
    private static Variable meanSquaredError(Variable outputs, float[] targets, int[] batchRows) {
        float[] batchTargets = new float[batchRows.length];
        for (int i = 0; i < batchRows.length; i++) batchTargets[i] = targets[batchRows[i]];
        Variable difference = outputs.sub(Variable.constant(Tensor.of(batchTargets, batchRows.length, 1)));
        return ReductionFunctions.meanAll(difference.mul(difference));
    }
}
