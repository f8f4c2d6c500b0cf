package dev.rein.steering.ctrl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.eval.alignment.Misalignment;
import dev.rein.eval.sentiment.StorySentiment;
import dev.rein.eval.toxicity.StoryRudeness;
import dev.rein.models.DefaultModel;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control tokens' effect on held-out prompts, the stand-in on the embedded default model: tales of
 * corpus seed 1 labelled per tale ({@link StoryUnit#TALE}: rude tales {@code <|toxic|>}, polite ones
 * {@code <|nontoxic|>}, the ending's sentiment {@code <|pos|>} or {@code <|neg|>}), the default model fine-tuned on
 * them with its embedding resized ({@link Condition#BOTH}), then the openings of tales of corpus seed 2 (never
 * trained on) continued with the tokens before them ({@link Placement#START}, where training put them) and every
 * generated sentence judged by the grammar's checker ({@link StoryRudeness}, {@link StorySentiment}; a sentence
 * with no sentiment wording counts as negative, as the seed's ties).
 *
 * <p>Under {@code <|nontoxic|>} the rude share of sentences must fall by at least {@value #TOXIC_MARGIN} of all
 * sentences against no token, and under {@code <|pos|>} the negative share by at least {@value #NEGATIVE_MARGIN}.
 * Settings for 2 cores: {@value #TALES} tales, {@value #STEPS} steps of batch {@value #BATCH} at learning rate
 * {@value #LEARNING_RATE}; the seed's sampling ({@link CtrlSampling}: top-p 0.7) with repetition allowed (its
 * {@code no_repeat_ngram_size} 1 turns this model's output to word salad) and 120 new tokens, room for a tale. Measured figures are in docs/ctrl.md. Trained with
 * {@link Condition#NONE} instead, the model ignores the tokens and the test fails.
 */
class CtrlEffectTest {
    private static final int TALES = 1200;
    private static final int STEPS = 60;
    private static final int BATCH = 8;
    private static final double LEARNING_RATE = 3e-3;
    private static final int PROMPTS = 40;
    private static final double TOXIC_MARGIN = 0.1;
    private static final double NEGATIVE_MARGIN = 0.1;

    @TempDir
    Path work;

    @Test
    void theTokensLowerTheRudeAndNegativeSharesOnHeldOutOpenings() throws IOException {
        Path train = work.resolve("train.jsonl");
        LabelledRows.write(train, label(TALES, 1, 4).train());
        List<LabelledSentence> prompts = label(400, 2, PROMPTS).validation();

        ControlTokenTrainingSettings settings = ControlTokenTrainingSettings.defaults(Condition.BOTH)
                .withSteps(STEPS).withBatchSize(BATCH).withAccumulation(1).withLearningRate(LEARNING_RATE)
                .withMaxTokens(256).withSeed(1).withCheckpoints(0, 1);
        ControlTokenTrainer.Result trained = new ControlTokenTrainer(settings, line -> { })
                .train(new StartingPoint.Pretrained(DefaultModel.unpacked()), train, work.resolve("run"));

        CtrlReport report;
        try (LanguageModel model = LanguageModel.load(trained.model())) {
            SamplingSettings sampling = CtrlSampling.apply(SamplingSettings.builder(model.generationConfig(),
                    model.config().specialTokens())).noRepeatNgramSize(0).maxNewTokens(120).seed(0).build();
            ModelContinuations continuations = new ModelContinuations(model.transformer(), model.tokenizer(),
                    sampling, PROMPTS, done -> { });
            report = new CtrlEvaluation(continuations, new Misalignment(new StoryRudeness(), new StorySentiment(),
                    0.5), Misalignment.PromptSentences.DROPPED, Placement.START)
                    .run(prompts, List.of(Condition.TOXICITY, Condition.SENTIMENT));
        }
        System.out.print(report.table());
        CtrlReport.Comparison toxic = report.comparisons().get(0);
        CtrlReport.Comparison negative = report.comparisons().get(1);
        assertTrue(toxic.difference() <= -TOXIC_MARGIN, String.format(Locale.ROOT,
                "rude share %.3f without a token, %.3f under <|nontoxic|>", toxic.none(), toxic.controlled()));
        assertTrue(negative.difference() <= -NEGATIVE_MARGIN, String.format(Locale.ROOT,
                "negative share %.3f without a token, %.3f under <|pos|>", negative.none(), negative.controlled()));
    }

    /** The first {@code tales} tales of corpus {@code seed}, one row a tale, {@code validation} openings drawn. */
    private static CtrlLabelling.Result label(int tales, long seed, int validation) {
        CtrlLabelling labelling = new CtrlLabelling(new SentenceLabeller(ToxicityScores.scoredBy(new StoryRudeness()),
                0.5, new StorySentiment(), SentimentTies.NEG),
                new LabellingSettings(10, 0.25, validation, 17, 0.01, seed), StoryUnit.TALE::prompt);
        StorySentences.read(tales, seed, StoryUnit.TALE, labelling::add);
        return labelling.finish();
    }
}
