package dev.rein.steering.recontrol;

import dev.rein.models.hooks.HookPoint;
import dev.rein.models.hooks.HookPoints;
import java.util.Collections;
import java.util.List;

/**
 * The shape of a RE-Control {@link ValueFunction}: the hook point whose states it reads, their width, and the widths
 * of its hidden ReLU layers. RE-Control's own value model is {@code (ln_final.hook_normalized, 4096, [4096, 4096])}:
 * 4096 → 4096 → 4096 → 1.
 *
 * @param hookPoint   where the states come from and where guidance edits them, e.g. {@code ln_final.hook_normalized}
 * @param inputSize   H, the width of a state (the model's hidden size)
 * @param hiddenSizes the width of each hidden layer, input side first; empty for a linear value function
 */
public record ValueModelConfig(String hookPoint, int inputSize, List<Integer> hiddenSizes) {

    /** @throws IllegalArgumentException naming the setting that is out of range */
    public ValueModelConfig {
        if (hookPoint == null || hookPoint.isBlank() || hookPoint.equals(HookPoints.LOGITS)
                || HookPoint.parse(hookPoint).positionAxis() != 1) {
            throw new IllegalArgumentException("a value model reads states [B, T, H] at a point such as "
                    + HookPoints.FINAL_NORMALIZED + ", got " + hookPoint);
        }
        if (inputSize < 1) {
            throw new IllegalArgumentException("the input size must be at least 1, got " + inputSize);
        }
        hiddenSizes = List.copyOf(hiddenSizes);
        for (int width : hiddenSizes) {
            if (width < 1) {
                throw new IllegalArgumentException("hidden layer widths must be at least 1, got " + hiddenSizes);
            }
        }
    }

    /** {@code depth} hidden layers of {@code width} each (RE-Control: 2 of the input's width). */
    public static ValueModelConfig uniform(String hookPoint, int inputSize, int depth, int width) {
        if (depth < 0) {
            throw new IllegalArgumentException("the depth must be at least 0, got " + depth);
        }
        return new ValueModelConfig(hookPoint, inputSize, Collections.nCopies(depth, width));
    }
}
