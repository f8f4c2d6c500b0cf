package dev.rein.cli;

import dev.rein.eval.PredictionRows;
import dev.rein.eval.TextScorer;
import dev.rein.eval.length.LengthReward;
import dev.rein.eval.length.LengthTarget;
import dev.rein.steering.recontrol.RewardLabels;
import dev.rein.steering.recontrol.StateCollection;
import dev.rein.steering.recontrol.Trajectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rein recontrol label}: the terminal reward of every collected response ({@link RewardLabels}). */
@Command(name = "label", description = {"Score every collected response and write the rewards beside the states: "
        + "DATA/rewards.safetensors (rewards [N]).",
        "Rewards: length (minus the distance of the response's \\w+ word count from --target-words)."})
final class RecontrolLabelCommand implements Callable<Integer> {
    /** The scorers a reward can come from. */
    enum Reward { LENGTH }

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A folder of rein recontrol collect.")
    private Path data;

    @Option(names = "--reward", required = true, paramLabel = "KIND", description = "The reward: length.")
    private Reward reward;

    @Option(names = "--target-words", paramLabel = "N", description = "With --reward length: the word count wanted.")
    private Integer targetWords;

    @Option(names = "--text", paramLabel = "WHICH", defaultValue = "response",
            description = "What the scorer reads: response or prompt_and_response (default: ${DEFAULT-VALUE}).")
    private RewardLabels.Text text;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the rewards (default: DATA/"
            + RewardLabels.FILE + ").")
    private Path out;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(data.resolve(StateCollection.RESPONSES_FILE))) {
            throw new UserError("--data " + data + ": no " + StateCollection.RESPONSES_FILE + " there; rein recontrol "
                    + "collect writes one");
        }
        TextScorer scorer = scorer();
        Trajectories trajectories = StateCollection.readTrajectories(data);
        PredictionRows responses = StateCollection.readResponses(data);
        if (responses.size() != trajectories.rows()) {
            throw new UserError("--data " + data + ": " + responses.size() + " responses but " + trajectories.rows()
                    + " trajectories of states");
        }
        float[] rewards = RewardLabels.score(responses.strings("prompt"), responses.strings("response"), scorer, text);
        Path target = out != null ? out : data.resolve(RewardLabels.FILE);
        RewardLabels.write(target, rewards, describe(), text);
        double mean = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (float r : rewards) {
            mean += r / rewards.length;
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        System.out.printf(Locale.ROOT, "%d rewards (%s): mean %.4f, min %.4f, max %.4f%n", rewards.length, describe(),
                mean, min, max);
        System.out.println("wrote " + target);
        return 0;
    }

    private TextScorer scorer() {
        return switch (reward) {
            case LENGTH -> {
                if (targetWords == null || targetWords < 0) {
                    throw new UserError("--reward length needs --target-words N (at least 0)");
                }
                yield new LengthReward(new LengthTarget.Exact(targetWords));
            }
        };
    }

    private String describe() {
        return switch (reward) {
            case LENGTH -> "length: -|words - " + targetWords + "|";
        };
    }
}
