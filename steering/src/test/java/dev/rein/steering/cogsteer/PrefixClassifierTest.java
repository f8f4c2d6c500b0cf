package dev.rein.steering.cogsteer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.data.lm.HeldOut;
import dev.rein.eval.toxicity.TextBatches;
import dev.rein.models.LanguageModel;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Single-layer prefix tuning for classification (METHODS.md 4.4) on the embedded default model: a 30-position
 * prefix in layer {@value #LAYER} and a head, trained on {@value #ROWS} tales of story corpus 0 labelled happy or sad
 * ending (a fifth held out; lr 1e-2, batch 16, {@value #EPOCHS} epochs, seed 42), must beat the majority class on
 * the held-out tales by {@value #MARGIN} in accuracy; the same classifier untrained must not, so the margin comes
 * from training.
 *
 * <p>Measured (corpus seed 7, same settings): held-out accuracy 0.850 against a majority of 0.563 (margin 0.29);
 * the head alone 0.838. The test asks for about half that margin.
 */
class PrefixClassifierTest {
    private static final int LAYER = 0;
    private static final int ROWS = 400;
    private static final int EPOCHS = 3;
    private static final double MARGIN = 0.15;

    @Test
    void aTrainedSingleLayerPrefixBeatsTheMajorityClassOnHeldOutTales() {
        List<LabelledText> rows = StoryClassificationTask.ENDING.rows(0, ROWS);
        PrefixClassifierSettings settings = PrefixClassifierSettings.defaults().withLearningRate(1e-2)
                .withBatchSize(16).withEpochs(EPOCHS);
        try (LanguageModel model = LanguageModel.loadDefault()) {
            PrefixClassifier untrained = PrefixClassifier.create(model.transformer(), LAYER, 2, settings.seed());
            List<LabelledText> heldOut = HeldOut.split(rows, settings.heldOutShare(), settings.seed()).heldOut();
            ClassificationScores before = ClassificationScores.of(PrefixClassifierTrainer.predict(untrained,
                    TextBatches.forModel(model.tokenizer(), model.config(), settings.maxTokens()), heldOut,
                    settings.batchSize()), heldOut.stream().mapToInt(LabelledText::label).toArray());

            PrefixClassifier classifier = PrefixClassifier.create(model.transformer(), LAYER, 2, settings.seed());
            ClassificationScores after = PrefixClassifierTrainer.run(classifier, model.config(), model.tokenizer(),
                    rows, settings, line -> { }).scores();
            double gate = 0;
            for (float g : classifier.parameters().get("prefix.gate").value().toFloatArray()) {
                gate = Math.max(gate, Math.abs(Math.tanh(g)));
            }
            System.out.printf(Locale.ROOT, "held-out accuracy: untrained %.3f, trained %.3f (Matthews %.3f), "
                    + "majority %.3f over %d tales; largest |tanh(gate)| %.4f%n", before.accuracy(), after.accuracy(),
                    after.matthews(), after.majorityAccuracy(), after.rows(), gate);
            assertTrue(after.accuracy() >= after.majorityAccuracy() + MARGIN, "trained " + after);
            assertTrue(before.accuracy() < before.majorityAccuracy() + MARGIN, "untrained " + before);
            assertTrue(gate > 0, "the prefix's gate left 0: the prefix is trained with the head");
        }
    }
}
