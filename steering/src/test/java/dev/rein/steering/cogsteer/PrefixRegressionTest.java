package dev.rein.steering.cogsteer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.data.lm.HeldOut;
import dev.rein.eval.PearsonCorrelation;
import dev.rein.eval.toxicity.TextBatches;
import dev.rein.models.LanguageModel;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Single-layer prefix tuning for regression (METHODS.md 4.4) on the embedded default model: a 30-position prefix in
 * layer {@value #LAYER} and a one-output head, trained with mean squared error on {@value #ROWS} tales of story
 * corpus 0 scored by their number of words (a fifth held out; lr 3e-2, batch 16, {@value #EPOCHS} epochs, seed 42),
 * must reach a held-out Pearson r of {@value #BAR} and beat the training-mean baseline's squared error; the same
 * regressor untrained must not reach the bar, so the correlation comes from training.
 *
 * <p>Measured (these settings): held-out Pearson 0.812 (Spearman 0.804), MSE 195 against the training mean's 518 over
 * 80 tales; untrained 0.021. At lr 1e-2 the trained r was 0.531. The bar is well under the first and far above the
 * untrained r.
 */
class PrefixRegressionTest {
    private static final int LAYER = 0;
    private static final int ROWS = 400;
    private static final int EPOCHS = 3;
    private static final double BAR = 0.5;

    @Test
    void aTrainedSingleLayerPrefixRegressorFollowsTheTalesLengthOnHeldOutTales() {
        List<ScoredText> rows = StoryRegressionTask.WORDS.rows(0, ROWS);
        PrefixClassifierSettings settings = PrefixClassifierSettings.defaults().withLearningRate(3e-2)
                .withBatchSize(16).withEpochs(EPOCHS);
        try (LanguageModel model = LanguageModel.loadDefault()) {
            PrefixClassifier untrained = PrefixClassifier.regressor(model.transformer(), LAYER, settings.seed());
            List<ScoredText> heldOut = HeldOut.split(rows, settings.heldOutShare(), settings.seed()).heldOut();
            double before = PearsonCorrelation.of(PrefixRegressionTrainer.predict(untrained,
                    TextBatches.forModel(model.tokenizer(), model.config(), settings.maxTokens()), heldOut,
                    settings.batchSize(), 0, 1), PrefixRegressionTrainer.targets(heldOut));

            PrefixClassifier regressor = PrefixClassifier.regressor(model.transformer(), LAYER, settings.seed());
            PrefixRegressionTrainer.Result result = PrefixRegressionTrainer.run(regressor, model.config(),
                    model.tokenizer(), rows, settings, line -> { });
            RegressionScores after = result.scores();
            System.out.printf(Locale.ROOT, "held-out Pearson: untrained %.3f, trained %.3f (Spearman %.3f); MSE %.2f "
                    + "against the training mean's %.2f over %d tales%n", before, after.pearson(), after.spearman(),
                    after.mse(), after.meanMse(), after.rows());
            assertTrue(after.pearson() >= BAR, "trained " + after);
            assertTrue(after.mse() < after.meanMse(), "trained " + after);
            assertTrue(Double.isNaN(before) || before < BAR, "untrained Pearson " + before);
        }
    }
}
