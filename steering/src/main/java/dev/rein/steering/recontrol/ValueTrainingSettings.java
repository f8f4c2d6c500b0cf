package dev.rein.steering.recontrol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;

/**
 * How {@link ValueTrainer} fits a value function. RE-Control trains 100 epochs of Adam at batch 512 with lr 1e-4
 * (its README uses 1e-3), with no held-out part.
 *
 * @param epochs          passes over the training rows
 * @param batchSize       trajectories per Adam step
 * @param learningRate    Adam's learning rate (torch's betas and epsilon, no weight decay), constant
 * @param seed            seed of the held-out choice and of each epoch's order
 * @param heldOutFraction share of the trajectories held out to report a loss on, in [0, 1); 0 for none
 * @param objective       what the value function is fitted to (RE-Control: {@link ValueObjective#BELLMAN})
 */
public record ValueTrainingSettings(int epochs, int batchSize, double learningRate, long seed, double heldOutFraction,
                                    ValueObjective objective) {

    /** @throws IllegalArgumentException naming the setting that is out of range */
    public ValueTrainingSettings {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batch size must be at least 1, got " + epochs + " and "
                    + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, got " + learningRate);
        }
        if (!(heldOutFraction >= 0 && heldOutFraction < 1)) {
            throw new IllegalArgumentException("the held-out fraction must be in [0, 1), got " + heldOutFraction);
        }
        Objects.requireNonNull(objective, "objective");
    }

    /** The settings as the {@code training} object of {@code value_model.json}. */
    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode()
                .put("objective", objective.name().toLowerCase(Locale.ROOT))
                .put("loss", switch (objective) {
                    case BELLMAN -> "bellman_consistency + terminal_reward_at_last_valid_step";
                    case BELLMAN_DETACHED ->
                            "bellman_consistency (next value detached) + terminal_reward_at_last_valid_step";
                    case MONTE_CARLO -> "terminal_reward_at_every_valid_step";
                })
                .put("optimizer", "adam")
                .put("epochs", epochs)
                .put("batch_size", batchSize)
                .put("learning_rate", learningRate)
                .put("seed", seed)
                .put("held_out_fraction", heldOutFraction);
    }
}
