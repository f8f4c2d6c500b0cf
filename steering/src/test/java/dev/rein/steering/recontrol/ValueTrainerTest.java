package dev.rein.steering.recontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.Variable;
import dev.rein.models.hooks.HookPoints;
import dev.rein.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTrainerTest {
    private static final int N = 64, T = 6, H = 8;
    private static final ValueModelConfig CONFIG = ValueModelConfig.uniform(HookPoints.FINAL_NORMALIZED, H, 2, 16);
    private static final ValueTrainingSettings SETTINGS =
            new ValueTrainingSettings(30, 16, 1e-2, 5, 0.25, ValueObjective.BELLMAN);

    /**
     * Trajectories whose states all carry their row's reward c in coordinate 0 (plus noise elsewhere and a little
     * there), 1 to T valid steps each: V(s) = s[0] satisfies both terms, so the loss can fall on held-out rows.
     */
    private static final Trajectories DATA;
    private static final Tensor REWARDS;

    static {
        java.util.Random random = new java.util.Random(2);
        float[] states = new float[N * T * H];
        boolean[] mask = new boolean[N * T];
        float[] rewards = new float[N];
        for (int row = 0; row < N; row++) {
            rewards[row] = (float) random.nextGaussian();
            int steps = 1 + random.nextInt(T);
            for (int step = 0; step < T; step++) {
                mask[row * T + step] = step < steps;
                for (int k = 0; k < H; k++) {
                    float noise = (float) random.nextGaussian();
                    states[(row * T + step) * H + k] = k == 0 ? rewards[row] + 0.05f * noise : noise;
                }
            }
        }
        DATA = new Trajectories(HookPoints.FINAL_NORMALIZED, Tensor.of(states, N, T, H), Tensor.ofBools(mask, N, T));
        REWARDS = Tensor.of(rewards, N);
    }

    @Test
    void trainingLowersTheHeldOutLossAndRepeats() {
        List<EpochLosses> first = ValueTrainer.train(ValueFunction.create(CONFIG, 1), DATA, REWARDS, SETTINGS, e -> { });
        List<EpochLosses> again = ValueTrainer.train(ValueFunction.create(CONFIG, 1), DATA, REWARDS, SETTINGS, e -> { });
        assertEquals(30, first.size());
        for (int epoch = 0; epoch < 30; epoch++) {
            // the same up to the last bits of float sums, which move with the JIT's warm-up
            double expected = first.get(epoch).heldOut().orElseThrow().total();
            assertEquals(expected, again.get(epoch).heldOut().orElseThrow().total(), 1e-5 * expected, "epoch " + epoch);
        }
        double start = first.getFirst().heldOut().orElseThrow().total();
        double end = first.getLast().heldOut().orElseThrow().total();
        assertTrue(end < start / 2, "held-out loss " + start + " -> " + end);
        assertTrue(first.getLast().train().total() < first.getFirst().train().total());
    }

    @Test
    void everyObjectiveLearnsTheRewardAndIsRecordedInTheSettings() {
        for (ValueObjective objective : ValueObjective.values()) {
            ValueTrainingSettings settings = new ValueTrainingSettings(30, 16, 1e-2, 5, 0.25, objective);
            List<EpochLosses> history = ValueTrainer.train(ValueFunction.create(CONFIG, 1), DATA, REWARDS, settings,
                    e -> { });
            double start = history.getFirst().heldOut().orElseThrow().terminal();
            double end = history.getLast().heldOut().orElseThrow().terminal();
            assertTrue(end < start / 2, objective + ": held-out terminal loss " + start + " -> " + end);
            assertEquals(objective.name().toLowerCase(java.util.Locale.ROOT),
                    settings.toJson().get("objective").asText());
        }
    }

    @Test
    void evaluationAveragesTheTermsPerTrajectory() {
        ValueFunction value = ValueFunction.create(CONFIG, 3);
        List<Integer> rows = List.of(0, 1, 2, 3, 4);
        EpochLosses.Terms oneBatch = ValueTrainer.evaluate(value, DATA, REWARDS, rows, 5);
        EpochLosses.Terms smallBatches = ValueTrainer.evaluate(value, DATA, REWARDS, rows, 2);
        assertEquals(oneBatch.terminal(), smallBatches.terminal(), 1e-5);
        assertEquals(oneBatch.consistency(), smallBatches.consistency(), 1e-5);
        int[] picked = {0, 1, 2, 3, 4};
        BellmanLoss loss = BellmanLoss.of(value.apply(Variable.constant(DATA.select(picked).states())),
                DATA.select(picked).mask(), Tensor.of(REWARDS.toFloatArray()).narrow(0, 0, 5));
        assertEquals(loss.total().value().item(), oneBatch.total(), 1e-4);
    }

    @Test
    void mismatchedDataIsRefused() {
        ValueFunction wide = ValueFunction.create(ValueModelConfig.uniform(HookPoints.FINAL_NORMALIZED, H + 1, 1, 4), 1);
        assertThrows(IllegalArgumentException.class, () -> ValueTrainer.train(wide, DATA, REWARDS, SETTINGS, e -> { }));
        assertThrows(IllegalArgumentException.class, () -> ValueTrainer.train(ValueFunction.create(CONFIG, 1), DATA,
                Tensor.zeros(N - 1), SETTINGS, e -> { }));
        assertThrows(IllegalArgumentException.class,
                () -> new ValueTrainingSettings(0, 1, 1e-3, 0, 0, ValueObjective.BELLMAN));
        assertThrows(IllegalArgumentException.class,
                () -> new ValueTrainingSettings(1, 1, 1e-3, 0, 1, ValueObjective.BELLMAN));
    }
}
