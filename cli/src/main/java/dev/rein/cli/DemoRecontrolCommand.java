package dev.rein.cli;

import dev.rein.models.DefaultModel;
import dev.rein.data.stories.StoryChecker;
import dev.rein.data.stories.StoryGenerator;
import dev.rein.eval.TextScorer;
import dev.rein.eval.model.ScoringModel;
import dev.rein.eval.sentiment.StorySentiment;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.HookPoints;
import dev.rein.steering.recontrol.CollectedResponse;
import dev.rein.steering.recontrol.RecontrolComparison;
import dev.rein.steering.recontrol.RecontrolEvaluation;
import dev.rein.steering.recontrol.RewardLabels;
import dev.rein.steering.recontrol.StateCollection;
import dev.rein.steering.recontrol.StateCollector;
import dev.rein.steering.recontrol.ValueFunction;
import dev.rein.steering.recontrol.ValueGuidance;
import dev.rein.steering.recontrol.ValueModelConfig;
import dev.rein.steering.recontrol.ValueObjective;
import dev.rein.steering.recontrol.ValueTrainer;
import dev.rein.steering.recontrol.ValueTrainingSettings;
import dev.rein.tensor.Tensor;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rein demo recontrol}: RE-Control's whole pipeline on the embedded default model in seconds, with the story
 * grammar's sentiment as the reward: collect states while the model writes tales, label each tale +1 (happy), −1
 * (sad) or 0, train the value function, then write tales for unseen openings with and without guidance.
 */
@Command(name = "recontrol", description = {"RE-Control on the embedded default model: collect the final normed "
        + "states of sampled tales, reward happy endings (+1) over sad ones (-1), train the value MLP, then steer "
        + "by gradient ascent on it and compare with plain sampling on unseen openings."})
final class DemoRecontrolCommand implements Callable<Integer> {
    private static final int TRAINING_OPENINGS = 12;
    private static final int HELD_OUT_OPENINGS = 8;
    private static final long HELD_OUT_SEEDS = 1000;

    @Option(names = "--samples", paramLabel = "N", description = "Tales sampled per training opening (default: 8).")
    private int samples = 8;

    @Option(names = "--test-samples", paramLabel = "N",
            description = "Tales per unseen opening, with and without guidance (default: 4).")
    private int testSamples = 4;

    @Option(names = "--steps", paramLabel = "N", description = "Gradient-ascent steps per token (default: 10).")
    private int steps = 10;

    @Option(names = "--step-size", paramLabel = "A", description = "Step size of the ascent (default: 2).")
    private float stepSize = 2f;

    @Option(names = "--objective", paramLabel = "WHICH", description = {"What the value MLP is fitted to: "
            + "monte_carlo (every step to its tale's reward) or RE-Control's bellman or bellman_detached (default: "
            + "monte_carlo; a Bellman value ties the reward to a tale's last state, which on this model says "
            + "nothing about it, and does not steer)."})
    private ValueObjective objective = ValueObjective.MONTE_CARLO;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs of the value MLP (default: 30).")
    private int epochs = 30;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the sampled tales and the value MLP (default: 7).")
    private long seed = 7;

    @Override
    public Integer call() {
        if (samples < 1 || testSamples < 1 || steps < 0 || !(stepSize >= 0) || epochs < 1) {
            throw new UserError("--samples, --test-samples and --epochs must be at least 1, --steps and --step-size "
                    + "at least 0");
        }
        long start = System.nanoTime();
        try (LanguageModel model = DefaultModel.load()) {
            ScoringModel scoring = ScoringModel.of(model).withBatchSize(32);
            TextScorer reward = new StorySentiment();
            List<String> training = openings(1, TRAINING_OPENINGS);
            System.out.printf(Locale.ROOT, "1. Collect: %d tales (%d openings of corpus tales x %d samples), "
                    + "recording the final normed state (%s) at every step.%n", training.size() * samples,
                    training.size(), samples, HookPoints.FINAL_NORMALIZED);
            StateCollection data = new StateCollector(model.transformer(), scoring.tokenizer(),
                    HookPoints.FINAL_NORMALIZED).collect(training, DemoCommand.sampling(model, seed, samples),
                    scoring.batchSize(), done -> { });

            float[] rewards = RewardLabels.score(data.responses().stream().map(CollectedResponse::promptText).toList(),
                    data.responses().stream().map(CollectedResponse::response).toList(), reward,
                    RewardLabels.Text.RESPONSE);
            System.out.printf(Locale.ROOT, "2. Label: the story grammar's sentiment, +1 happy, -1 sad, 0 neither; "
                    + "mean %.3f.%n", mean(rewards));

            int width = model.config().hiddenSize();
            ValueFunction value = ValueFunction.create(ValueModelConfig.uniform(HookPoints.FINAL_NORMALIZED, width,
                    2, width), seed);
            ValueTrainer.train(value, data.trajectories(), Tensor.of(rewards, rewards.length),
                    new ValueTrainingSettings(epochs, 16, 1e-3, seed, 0, objective), losses -> { });
            System.out.printf(Locale.ROOT, "3. Train: the value MLP %d -> %d -> %d -> 1, %d epochs of Adam on the "
                    + "%s objective.%n", width, width, width, epochs, objective.name().toLowerCase(Locale.ROOT));

            List<String> heldOut = openings(HELD_OUT_SEEDS, HELD_OUT_OPENINGS);
            ValueGuidance guidance = new ValueGuidance(value, steps, stepSize, ValueGuidance.UNBOUNDED,
                    ValueGuidance.Positions.NEW);
            RecontrolComparison comparison = new RecontrolEvaluation(scoring, reward, RewardLabels.Text.RESPONSE)
                    .compare(heldOut, DemoCommand.sampling(model, seed + 1, testSamples), guidance, done -> { });
            System.out.printf(Locale.ROOT, "4. Steer: %d unseen openings x %d tales, the same seeds, without and with "
                    + "%d ascent steps of %s on V at every token.%n%n", heldOut.size(), testSamples, steps, stepSize);
            CollectedResponse plain = comparison.plain().responses().getFirst();
            CollectedResponse steered = comparison.steered().responses().getFirst();
            System.out.printf(Locale.ROOT, "   Opening: %s%n%n   Plain:%n%s%n%n   RE-Control:%n%s%n%n",
                    plain.promptText(), TextWrap.indent(plain.response(), 3, 100),
                    TextWrap.indent(steered.response(), 3, 100));
            comparison.table().lines().forEach(line -> System.out.println("   " + line));
            System.out.printf(Locale.ROOT, "%nreward: mean sentiment (+1 happy, -1 sad); diversity: RE-Control's "
                    + "rep-2..4 product; coherence: cosine of opening and tale mean states.%nDone in %.1f s.%n",
                    (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    /** The opening sentences of {@code count} corpus tales from seed {@code first} on: prompts with no sentiment. */
    private static List<String> openings(long first, int count) {
        return LongStream.range(first, first + count)
                .mapToObj(seed -> StoryChecker.check(StoryGenerator.story(seed).text()).sentences()
                        .getFirst().text())
                .toList();
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float value : values) sum += value;
        return sum / values.length;
    }
}
