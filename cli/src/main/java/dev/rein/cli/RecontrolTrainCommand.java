package dev.rein.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.steering.recontrol.EpochLosses;
import dev.rein.steering.recontrol.RewardLabels;
import dev.rein.steering.recontrol.StateCollection;
import dev.rein.steering.recontrol.Trajectories;
import dev.rein.steering.recontrol.ValueFunction;
import dev.rein.steering.recontrol.ValueModelConfig;
import dev.rein.steering.recontrol.ValueObjective;
import dev.rein.steering.recontrol.ValueTrainer;
import dev.rein.steering.recontrol.ValueTrainingSettings;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rein recontrol train}: fits the value function to collected states and rewards ({@link ValueTrainer}). */
@Command(name = "train", description = {"Train RE-Control's value MLP on collected states and their rewards with the "
        + "Bellman consistency loss plus the terminal reward at each response's last step (or --objective), using "
        + "Adam.",
        "Writes OUT/value_model.json and OUT/value_model.safetensors, for rein generate --recontrol OUT."})
final class RecontrolTrainCommand implements Callable<Integer> {
    private static final int EPOCH_LINES = 10;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A folder of rein recontrol collect.")
    private Path data;

    @Option(names = "--rewards", paramLabel = "FILE",
            description = "The rewards (default: DATA/" + RewardLabels.FILE + ", from rein recontrol label).")
    private Path rewardsFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the value model goes.")
    private Path out;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "2",
            description = "Hidden ReLU layers (default: ${DEFAULT-VALUE}, RE-Control's).")
    private int depth;

    @Option(names = "--width", paramLabel = "N", description = "Width of each hidden layer (default: the states' width).")
    private Integer width;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "100", description = "Passes over the data (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "512",
            description = "Trajectories per Adam step (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-4", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the initial weights, the held-out choice and the order (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--held-out", paramLabel = "F", defaultValue = "0.1",
            description = "Share of the trajectories held out to report a loss on; 0: none (default: ${DEFAULT-VALUE}).")
    private double heldOut;

    @Option(names = "--objective", paramLabel = "WHICH", defaultValue = "bellman",
            description = {"What V is fitted to: bellman (RE-Control: (V(s_t) - V(s_t+1))^2 over consecutive steps, "
                    + "gradients through both, plus (V(s_last) - r)^2), bellman_detached (V(s_t+1) a fixed target) or "
                    + "monte_carlo ((V(s_t) - r)^2 at every step) (default: ${DEFAULT-VALUE})."})
    private ValueObjective objective;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(data.resolve(StateCollection.STATES_FILE))) {
            throw new UserError("--data " + data + ": no " + StateCollection.STATES_FILE + " there; rein recontrol "
                    + "collect writes one");
        }
        Path rewardsPath = rewardsFile != null ? rewardsFile : data.resolve(RewardLabels.FILE);
        if (!Files.isRegularFile(rewardsPath)) {
            throw new UserError((rewardsFile != null ? "--rewards " : "") + rewardsPath + ": no such file; rein "
                    + "recontrol label writes it");
        }
        if (depth < 0 || (width != null && width < 1)) {
            throw new UserError("--depth must be at least 0 and --width at least 1");
        }
        ValueTrainingSettings settings = new ValueTrainingSettings(epochs, batchSize, learningRate, seed, heldOut,
                objective);
        Trajectories trajectories = StateCollection.readTrajectories(data);
        Tensor rewards = RewardLabels.read(rewardsPath, trajectories.rows());
        ValueModelConfig config = ValueModelConfig.uniform(trajectories.hookPoint(), trajectories.width(), depth,
                width != null ? width : trajectories.width());
        ValueFunction value = ValueFunction.create(config, seed);
        System.out.printf(Locale.ROOT, "%d trajectories of up to %d steps, %d-wide states at %s; value MLP %s, "
                + "objective %s%n", trajectories.rows(), trajectories.steps(), trajectories.width(),
                trajectories.hookPoint(), architecture(config), objective.name().toLowerCase(Locale.ROOT));
        int every = Math.max(1, epochs / EPOCH_LINES);
        List<EpochLosses> history = ValueTrainer.train(value, trajectories, rewards, settings, losses -> {
            if (losses.epoch() % every == 0 || losses.epoch() == epochs) {
                System.out.println(line(losses));
            }
        });
        ObjectNode training = settings.toJson().put("data", data.toString()).put("rewards", rewardsPath.toString())
                .put("trajectories", trajectories.rows());
        EpochLosses last = history.getLast();
        training.put("final_train_loss", last.train().total());
        last.heldOut().ifPresent(terms -> training.put("final_held_out_loss", terms.total())
                .put("final_held_out_terminal", terms.terminal()));
        value.save(out, training);
        System.out.println("value model written to " + out);
        return 0;
    }

    private static String architecture(ValueModelConfig config) {
        StringBuilder text = new StringBuilder().append(config.inputSize());
        config.hiddenSizes().forEach(w -> text.append(" -> ").append(w));
        return text.append(" -> 1").toString();
    }

    private static String line(EpochLosses losses) {
        String text = String.format(Locale.ROOT, "epoch %d: Bellman loss %.5f (consistency %.5f, terminal %.5f)",
                losses.epoch(), losses.train().total(), losses.train().consistency(), losses.train().terminal());
        if (losses.heldOut().isPresent()) {
            EpochLosses.Terms held = losses.heldOut().get();
            text += String.format(Locale.ROOT, ", held-out %.5f (terminal %.5f)", held.total(), held.terminal());
        }
        return text;
    }
}
