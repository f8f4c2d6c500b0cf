package dev.rein.models.hooks;

import dev.rein.autograd.JoiningFunctions;
import dev.rein.autograd.Variable;
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
            int axis = HookPoints.positionAxis(context.point());
            int t = activation.size(axis);
            Variable last = apply(activation.narrow(axis, t - 1, 1), context);
            return t == 1 ? last : JoiningFunctions.concat(List.of(activation.narrow(axis, 0, t - 1), last), axis);
        };
    }
}
