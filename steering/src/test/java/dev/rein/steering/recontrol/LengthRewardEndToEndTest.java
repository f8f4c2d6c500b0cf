package dev.rein.steering.recontrol;

import dev.rein.text.tokenizer.DecodeOption;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.models.DefaultModel;
import dev.rein.eval.length.LengthReward;
import dev.rein.eval.length.LengthTarget;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.hooks.HookPoints;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on the embedded default model, whose tales end with EOS after 3 to 12 sentences: collect
 * sampled tales, reward those near 30 words, train V, and steer. The trained V must raise the mean reward of
 * generations on the same prompt and seeds (when written: -45.6 without guidance, -26.5 with 10 steps of 0.5).
 */
class LengthRewardEndToEndTest {
    private static final LengthReward NEAR_30_WORDS = new LengthReward(new LengthTarget.Exact(30));

    @Test
    void theTrainedValueFunctionRaisesTheReward() {
        try (LanguageModel model = DefaultModel.load()) {
            Tokenizer tokenizer = model.tokenizer();
            SamplingSettings collecting = SamplingSettings.builder(model.generationConfig(),
                    model.config().specialTokens()).sample().maxNewTokens(160).seed(1).numReturnSequences(48)
                    .build();
            StateCollection data = new StateCollector(model.transformer(), tokenizer, HookPoints.FINAL_NORMALIZED)
                    .collect(List.of("Once upon a time"), collecting, 1, done -> { });
            float[] rewards = RewardLabels.score(data.responses().stream().map(CollectedResponse::promptText).toList(),
                    data.responses().stream().map(CollectedResponse::response).toList(), NEAR_30_WORDS,
                    RewardLabels.Text.RESPONSE);
            ValueFunction value = ValueFunction.create(
                    ValueModelConfig.uniform(HookPoints.FINAL_NORMALIZED, 128, 2, 128), 42);
            ValueTrainer.train(value, data.trajectories(), Tensor.of(rewards, rewards.length),
                    new ValueTrainingSettings(30, 16, 3e-3, 42, 0, ValueObjective.BELLMAN), epoch -> { });

            SamplingSettings testing = SamplingSettings.builder(model.generationConfig(),
                    model.config().specialTokens()).sample().maxNewTokens(160).seed(7).numReturnSequences(12)
                    .build();
            List<int[]> prompt = List.of(tokenizer.encode("Once upon a time"));
            Generator generator = new Generator(model.transformer());
            double plain = meanReward(tokenizer, generator.generate(prompt, testing, GenerationOptions.NONE));
            ValueGuidance guidance = new ValueGuidance(value, 10, 0.5f, ValueGuidance.UNBOUNDED,
                    ValueGuidance.Positions.NEW);
            double steered = meanReward(tokenizer, generator.generate(prompt, testing,
                    GenerationOptions.NONE.withHooks(guidance.hooks())));
            assertTrue(steered > plain + 5, "mean reward " + plain + " without guidance, " + steered + " with");
        }
    }

    private static double meanReward(Tokenizer tokenizer, List<GeneratedSequence> sequences) {
        return sequences.stream().mapToDouble(s -> NEAR_30_WORDS.score(tokenizer.decode(s.newIds(),
                DecodeOption.SKIP_SPECIAL_TOKENS)))
                .average().orElseThrow();
    }
}
