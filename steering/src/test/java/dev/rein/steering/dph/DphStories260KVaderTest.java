package dev.rein.steering.dph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.eval.TextScorer;
import dev.rein.eval.sentiment.Vader;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.tensor.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DPH end to end on the real stories260K checkpoint (../shared), with pairs of its own sampled continuations ranked
 * by VADER's compound ({@link ReplySampler}, {@link RankedPreferences}): a wrapped head trained on them ranks
 * held-out pairs above chance, and best-of-8 by the head raises the replies' mean compound over plain sampling.
 * Measured (seeds 1 and 3): 253 train pairs from 256 openings (4 replies of 48 tokens each, gap 0.2), held-out
 * accuracy 0.667 on 63 pairs, and a mean compound of 0.314 for plain sampling against 0.403 for best-of-8 on 16
 * held-out openings; the assertions leave room below those. The effect is small: the head reads one 64-wide state.
 */
class DphStories260KVaderTest {
    private static final int SAMPLES = 4;
    private static final double MIN_GAP = 0.2;
    private static final int MAX_NEW_TOKENS = 48;
    private static final double HELD_OUT_ACCURACY = 0.6;
    private static final double BEST_OF_EIGHT_GAIN = 0.05;

    @TempDir
    Path out;

    @Test
    void wrappedHeadOnVaderRankedPairsRanksHeldOutPairsAndBestOfEightRaisesTheCompound() throws Exception {
        TextScorer compound = Vader.load(SharedData.path("data/vader")).compound();
        try (LanguageModel model = LanguageModel.load(SharedData.path("models/stories260K"))) {
            int eos = model.config().specialTokens().eos().getFirst();
            ReplyFormat format = ReplyFormat.of(model.tokenizer(), eos, null);
            ReplySampler sampler = new ReplySampler(model.transformer(), format, model.tokenizer());
            SamplingSettings sampling = SamplingSettings.builder(model.generationConfig(),
                    model.config().specialTokens()).sample().seed(1).maxNewTokens(MAX_NEW_TOKENS).build();
            List<PreferencePair> train = RankedPreferences.of(sampler.sample(StoryPreferences.prompts(1, 0, 256),
                    sampling, SAMPLES, 16, done -> { }), compound, MIN_GAP).pairs();
            List<PreferencePair> heldOut = RankedPreferences.of(sampler.sample(
                    StoryPreferences.prompts(1, 100_000, 64), sampling, SAMPLES, 16, done -> { }), compound, MIN_GAP)
                    .pairs();

            DphModel dph = new DphModel(model.transformer(), DphHeads.create(DphPooler.SWIGLU_BERT, 0.0,
                    List.of(DphHeads.DEFAULT_HEAD), model.config().hiddenSize(), model.config().intermediateSize(),
                    format.poolToken(), format.poolTokenId(), 1), format, eos);
            new DphTrainer(dph, null, model.source(), train,
                    DphTrainingSettings.defaults(1e-3, 10, 16, 240, 1).withHeadWeightDecay(1.0)).train(out, step -> { });

            PairwiseAccuracy accuracy = PairwiseAccuracy.of(dph, heldOut, DphHeads.DEFAULT_HEAD, 32);
            System.out.printf("%d train pairs; held-out accuracy %.3f margin %.3f on %d pairs%n", train.size(),
                    accuracy.accuracy(), accuracy.margin(), heldOut.size());
            assertTrue(accuracy.accuracy() > HELD_OUT_ACCURACY, "held-out accuracy " + accuracy.accuracy());

            List<BestOfN.Choice> choices = new BestOfN(dph, model.tokenizer(), DphHeads.DEFAULT_HEAD).choose(
                    StoryPreferences.prompts(1, 200_000, 16), SamplingSettings.builder(model.generationConfig(),
                    model.config().specialTokens()).sample().seed(3).maxNewTokens(MAX_NEW_TOKENS).build(), 8, 16, done -> { });
            double plain = 0;
            double best = 0;
            for (BestOfN.Choice choice : choices) {
                for (BestOfN.Candidate c : choice.candidates()) plain += compound.score(c.reply());
                best += compound.score(choice.chosen().reply());
            }
            plain /= 8.0 * choices.size();
            best /= choices.size();
            System.out.printf("mean compound: plain sampling %.3f, best-of-8 %.3f%n", plain, best);
            assertTrue(best > plain + BEST_OF_EIGHT_GAIN, "best-of-8 " + best + ", plain " + plain);
        }
    }
}
