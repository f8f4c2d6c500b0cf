package dev.rein.cli;

import dev.rein.eval.PredictionRows;
import dev.rein.steering.recontrol.RewardLabels;
import dev.rein.steering.recontrol.StateCollection;
import dev.rein.steering.recontrol.Trajectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rein recontrol label}: the terminal reward of every collected response ({@link RewardLabels}). */
@Command(name = "label", description = {"Score every collected response and write the rewards beside the states: "
        + "DATA/rewards.safetensors (rewards [N])."})
final class RecontrolLabelCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A folder of rein recontrol collect.")
    private Path data;

    @Mixin
    private RewardOptions reward;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the rewards (default: DATA/"
            + RewardLabels.FILE + ").")
    private Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(data.resolve(StateCollection.RESPONSES_FILE))) {
            throw new UserError("--data " + data + ": no " + StateCollection.RESPONSES_FILE + " there; rein recontrol "
                    + "collect writes one");
        }
        try (RewardOptions.Reward chosen = reward.open(null)) {
            Trajectories trajectories = StateCollection.readTrajectories(data);
            PredictionRows responses = StateCollection.readResponses(data);
            if (responses.size() != trajectories.rows()) {
                throw new UserError("--data " + data + ": " + responses.size() + " responses but "
                        + trajectories.rows() + " trajectories of states");
            }
            float[] rewards = RewardLabels.score(responses.strings("prompt"), responses.strings("response"),
                    chosen.scorer(), chosen.text());
            Path target = out != null ? out : data.resolve(RewardLabels.FILE);
            RewardLabels.write(target, rewards, chosen.name(), chosen.text());
            double mean = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (float r : rewards) {
                mean += r / rewards.length;
                min = Math.min(min, r);
                max = Math.max(max, r);
            }
            System.out.printf(Locale.ROOT, "%d rewards (%s): mean %.4f, min %.4f, max %.4f%n", rewards.length,
                    chosen.name(), mean, min, max);
            System.out.println("wrote " + target);
        }
        return 0;
    }
}
