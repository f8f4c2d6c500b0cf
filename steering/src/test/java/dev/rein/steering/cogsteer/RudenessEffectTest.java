package dev.rein.steering.cogsteer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.data.stories.Politeness;
import dev.rein.data.stories.Sentiment;
import dev.rein.data.stories.StoryChecker;
import dev.rein.data.stories.StoryGenerator;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CogSteer's effect on held-out prompts. A bottleneck adapter in the last layer of the embedded default model is
 * trained on {@value #TRAINING_TALES} rude tales of the story grammar (seeds 0.., the unwanted attribute; lr 1e-2,
 * batch 16, {@value #EPOCHS} epochs, the best by held-out loss); then the openings (first sentences) of
 * {@value #PROMPTS} tales with seeds from 100000 are continued, {@value #SAMPLES} samples each (temperature 1, top-p
 * 0.9, 60 new tokens, sampling seed 1), plainly and steered. The measure is the rude share of the continuations'
 * sentences whose wording the grammar ties to politeness (requests, responses, reactions), as {@link StoryChecker}
 * reads them. Steered, the share must be at least {@value #MARGIN} below plain.
 *
 * <p>Why the last layer: with the adapter after the last block the steering is the logit contrast logits −
 * 0.1·logits_adapter (METHODS.md 4.3 step 3). At the layer the eye-tracking analysis suggests for this model (0,
 * hooked at block 1's heads) with the paper's p = 0.4 the tiny model does not move (see docs/cogsteer.md for the
 * measured figures).
 *
 * <p>Measured (2 shared cores, about 50 s): plain 0.689 (it does not depend on the training seed); steered 0.542,
 * 0.467 and 0.422 with training seeds 1, 2 and 3 (drops of 0.147 to 0.266); the test trains with seed 1 and asks for
 * less than half the smallest drop. With the adapter at layer 0 (p = 0.4: 0.657, p = 3: 0.600 against 0.680 in an
 * earlier run with top-k 50) or a gated prefix (which did not learn the attribute in these steps) nothing moved
 * beyond noise.
 */
class RudenessEffectTest {
    private static final int TRAINING_TALES = 300;
    private static final int EPOCHS = 3;
    private static final int PROMPTS = 16;
    private static final int SAMPLES = 8;
    /** The least drop of the rude share, steered against plain. */
    private static final double MARGIN = 0.06;

    @TempDir
    Path dir;

    @Test
    void steeringAwayFromRudeTalesLowersTheRudeShareOnHeldOutOpenings() throws Exception {
        try (LanguageModel model = LanguageModel.loadDefault()) {
            int layer = model.config().numLayers() - 1;
            LayerAdapter adapter = LayerAdapter.create(model.transformer(), AdapterKind.BOTTLENECK, layer, 1);
            AdapterTrainer.train(model.transformer(), model.tokenizer(), adapter,
                    GrammarTales.of(0, TRAINING_TALES, Politeness.RUDE),
                    AdapterTrainingSettings.defaults().withLearningRate(1e-2).withBatchSize(16).withEpochs(EPOCHS)
                            .withEvalEvery(20).withSeed(1), dir, evaluated -> { });
            LayerAdapter best = LayerAdapter.load(dir, model.transformer());
            List<String> openings = openings();
            SamplingSettings sampling = CogSteerSampling.apply(SamplingSettings.builder()).maxNewTokens(60)
                    .numReturnSequences(SAMPLES).seed(1).stopTokenIds(model.config().specialTokens().eos()).build();
            double plain = rudeShare(PromptContinuations.of(new Generator(model.transformer()), model.tokenizer(),
                    openings, sampling, PROMPTS, done -> { }));
            double steered = rudeShare(PromptContinuations.of(new Generator(model.transformer(),
                    new SteeredForward(model.transformer(), best, SteeringSettings.defaults())), model.tokenizer(),
                    openings, sampling, PROMPTS, done -> { }));
            System.out.printf(Locale.ROOT, "rude share of politeness-bound sentences: plain %.3f, steered %.3f%n",
                    plain, steered);
            assertTrue(steered <= plain - MARGIN, "steered " + steered + " vs plain " + plain);
        }
    }

    /** The first sentences of tales 100000.., half polite, half rude (the opening does not depend on it). */
    private static List<String> openings() {
        List<String> openings = new ArrayList<>();
        for (long seed = 100_000; seed < 100_000 + PROMPTS; seed++) {
            String text = StoryGenerator.story(seed, Sentiment.values()[(int) (seed % 2)],
                    Politeness.values()[(int) (seed / 2 % 2)], 8).text();
            openings.add(text.substring(0, text.indexOf(". ") + 1));
        }
        return openings;
    }

    /** Rude sentences over sentences whose wording depends on politeness, over all continuations. */
    private static double rudeShare(List<List<String>> continuations) {
        int rude = 0;
        int bound = 0;
        for (List<String> samples : continuations) {
            for (String text : samples) {
                for (StoryChecker.Sentence sentence : StoryChecker.checkIgnoringTruncatedEnd(text.strip()).sentences()) {
                    if (sentence.grammatical() && sentence.kind().politeness() != null) {
                        bound++;
                        if (sentence.kind().politeness() == Politeness.RUDE) rude++;
                    }
                }
            }
        }
        return (double) rude / bound;
    }
}
