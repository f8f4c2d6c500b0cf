package dev.rein.models.hooks;

import dev.rein.autograd.JoiningFunctions;
import dev.rein.autograd.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A function run at a hook point: it receives the activation and returns what the model continues with, the same
 * variable to only read it, or a replacement of the same shape to edit it. Activations are autograd
 * {@link Variable}s, so an edit built from trainable parameters (a steering vector, an interpolated embedding)
 * receives gradients.
 */
@FunctionalInterface
public interface Hook {

    Variable apply(Variable activation, HookContext context);

    /**
     * This hook applied to the last position of each pass only (the last prompt token, then each new token while
     * generating); the other positions pass through unchanged.
     */
    default Hook onlyLastPosition() {
        return (activation, context) -> {
            int axis = context.hookPoint().positionAxis();
            int t = activation.size(axis);
            Variable last = apply(activation.narrow(axis, t - 1, 1), context);
            return t == 1 ? last : JoiningFunctions.concat(List.of(activation.narrow(axis, 0, t - 1), last), axis);
        };
    }

    /**
     * This hook applied to sequence position {@code first} and the ones after it (counted as
     * {@link HookContext#startPosition} counts them), as one slice; earlier positions pass through unchanged. For
     * example, {@code fromPosition(1)} leaves BOS, which later tokens attend to as a sink, out of an edit.
     */
    default Hook fromPosition(int first) {
        if (first < 0) {
            throw new IllegalArgumentException("the first edited position must be at least 0, got " + first);
        }
        return (activation, context) -> {
            int axis = context.hookPoint().positionAxis();
            int t = activation.size(axis);
            int skipped = Math.clamp(first - context.startPosition(), 0, t);            // positions left alone
            if (skipped == t) {
                return activation;
            }
            if (skipped == 0) {
                return apply(activation, context);
            }
            return JoiningFunctions.concat(List.of(activation.narrow(axis, 0, skipped),
                    apply(activation.narrow(axis, skipped, t - skipped), context)), axis);
        };
    }

    /**
     * This hook applied to the given sequence positions only (indices in the whole sequence, left padding included,
     * as {@link HookContext#startPosition} counts them), each position's slice passed on its own; a pass that holds
     * none of them is left alone. For example, replacing the input embedding of prompt token 3 with
     * {@code hook_embed} and {@code atPositions(3)} edits the prompt pass and none of the generation steps.
     */
    default Hook atPositions(int... positions) {
        int[] wanted = positions.clone();
        return (activation, context) -> {
            int axis = context.hookPoint().positionAxis();
            int t = activation.size(axis);
            List<Variable> pieces = new ArrayList<>();
            int done = 0;                                        // positions of this pass already in pieces
            for (int local = 0; local < t; local++) {
                int position = context.startPosition() + local;
                if (Arrays.stream(wanted).noneMatch(p -> p == position)) {
                    continue;
                }
                if (local > done) {
                    pieces.add(activation.narrow(axis, done, local - done));
                }
                pieces.add(apply(activation.narrow(axis, local, 1), context));
                done = local + 1;
            }
            if (pieces.isEmpty()) {
                return activation;
            }
            if (done < t) {
                pieces.add(activation.narrow(axis, done, t - done));
            }
            return pieces.size() == 1 ? pieces.get(0) : JoiningFunctions.concat(pieces, axis);
        };
    }
}
