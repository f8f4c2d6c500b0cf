package dev.rein.steering.recontrol;

import dev.rein.autograd.NoGrad;
import dev.rein.autograd.Variable;
import dev.rein.data.lm.HeldOut;
import dev.rein.tensor.Indexing;
import dev.rein.tensor.Tensor;
import dev.rein.training.optim.Adam;
import dev.rein.training.optim.AdamSettings;
import dev.rein.training.optim.NamedParameter;
import dev.rein.training.optim.Optimizer;
import dev.rein.training.optim.ParameterGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * RE-Control's third stage: fits a {@link ValueFunction} to collected trajectories and their terminal rewards by
 * minimising the settings' {@link ValueObjective} (RE-Control: {@link BellmanLoss}) with Adam, in shuffled batches,
 * reporting {@link BellmanLoss}'s terms, whatever the objective, on the training batches and on held-out trajectories
 * after each epoch.
 */
public final class ValueTrainer {
    private ValueTrainer() {
    }

    /**
     * Trains {@code value} (its weights must be trainable, as {@link ValueFunction#create} makes them) in place.
     *
     * @param rewards [N] F32, one per trajectory
     * @param onEpoch told each epoch's losses as it ends
     * @return every epoch's losses
     * @throws IllegalArgumentException when the data and the value function disagree in width or hook point, the
     *                                  rewards are not one per trajectory, or the held-out part leaves no rows
     */
    public static List<EpochLosses> train(ValueFunction value, Trajectories data, Tensor rewards,
                                          ValueTrainingSettings settings, Consumer<EpochLosses> onEpoch) {
        check(value, data, rewards);
        List<Integer> all = IntStream.range(0, data.rows()).boxed().toList();
        List<Integer> trainRows = all;
        List<Integer> heldOutRows = List.of();
        if (settings.heldOutFraction() > 0) {
            HeldOut<Integer> split = HeldOut.split(all, settings.heldOutFraction(), settings.seed());
            trainRows = split.train();
            heldOutRows = split.heldOut();
        }
        List<NamedParameter> parameters = new ArrayList<>();
        value.parameters().forEach((name, weight) -> parameters.add(new NamedParameter(name, weight)));
        Optimizer adam = new Adam(List.of(ParameterGroup.of("value", parameters, settings.learningRate(), 0)),
                AdamSettings.defaults());

        List<EpochLosses> history = new ArrayList<>();
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            List<Integer> order = new ArrayList<>(trainRows);
            Collections.shuffle(order, new Random(settings.seed() * 31 + epoch));
            Sums sums = new Sums();
            for (int[] batch : batches(order, settings.batchSize())) {
                Trajectories rows = data.select(batch);
                Tensor batchRewards = rewardsOf(rewards, batch);
                Variable values = value.valuesAtValidSteps(rows);
                BellmanLoss bellman = settings.objective() == ValueObjective.BELLMAN_DETACHED
                        ? BellmanLoss.withNextDetached(values, rows.mask(), batchRewards)
                        : BellmanLoss.of(values, rows.mask(), batchRewards);
                Variable objective = settings.objective() == ValueObjective.MONTE_CARLO
                        ? MonteCarloLoss.of(values, rows.mask(), batchRewards).total() : bellman.total();
                objective.backward();
                adam.step(1);
                adam.zeroGrad();
                sums.add(bellman);
            }
            Optional<EpochLosses.Terms> heldOut = Optional.empty();
            if (!heldOutRows.isEmpty()) {
                heldOut = Optional.of(evaluate(value, data, rewards, heldOutRows, settings.batchSize()));
            }
            EpochLosses losses = new EpochLosses(epoch, sums.means(), heldOut);
            history.add(losses);
            onEpoch.accept(losses);
        }
        return history;
    }

    /**
     * The per-trajectory loss terms of {@code value} on the given rows, recording nothing.
     *
     * @throws IllegalArgumentException for the reasons of {@link #train}
     */
    public static EpochLosses.Terms evaluate(ValueFunction value, Trajectories data, Tensor rewards, List<Integer> rows,
                                             int batchSize) {
        check(value, data, rewards);
        Sums sums = new Sums();
        try (NoGrad scope = NoGrad.enter()) {
            for (int[] batch : batches(rows, batchSize)) {
                Trajectories selected = data.select(batch);
                sums.add(BellmanLoss.of(value.valuesAtValidSteps(selected), selected.mask(),
                        rewardsOf(rewards, batch)));
            }
        }
        return sums.means();
    }

    private static Tensor rewardsOf(Tensor rewards, int[] rows) {
        return Indexing.indexSelect(rewards, 0, Tensor.ofLongs(Arrays.stream(rows).asLongStream().toArray(),
                rows.length));
    }

    private static List<int[]> batches(List<Integer> rows, int batchSize) {
        List<int[]> batches = new ArrayList<>();
        for (int first = 0; first < rows.size(); first += batchSize) {
            batches.add(rows.subList(first, Math.min(first + batchSize, rows.size())).stream()
                    .mapToInt(Integer::intValue).toArray());
        }
        return batches;
    }

    private static void check(ValueFunction value, Trajectories data, Tensor rewards) {
        ValueModelConfig config = value.config();
        if (data.width() != config.inputSize() || !data.hookPoint().equals(config.hookPoint())) {
            throw new IllegalArgumentException("the value model reads " + config.inputSize() + "-wide states at "
                    + config.hookPoint() + " but the trajectories hold " + data.width() + "-wide states at "
                    + data.hookPoint());
        }
        if (!Arrays.equals(rewards.shape(), new int[] {data.rows()})) {
            throw new IllegalArgumentException("expected one reward per trajectory, [" + data.rows() + "], got "
                    + Arrays.toString(rewards.shape()));
        }
    }

    /** Summed loss terms over the trajectories seen so far. */
    private static final class Sums {
        private double consistency;
        private double terminal;
        private int rows;

        void add(BellmanLoss loss) {
            consistency += loss.consistency().value().item();
            terminal += loss.terminal().value().item();
            rows += loss.rows();
        }

        EpochLosses.Terms means() {
            return new EpochLosses.Terms(consistency / rows, terminal / rows);
        }
    }
}
