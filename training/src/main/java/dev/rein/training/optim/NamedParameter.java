package dev.rein.training.optim;

import dev.rein.autograd.Variable;
import java.util.Objects;

/**
 * A trainable tensor with its name (the Hugging Face tensor name, such as {@code model.layers.0.mlp.up_proj.weight}).
 * The name keys the parameter's optimizer state, so a saved state can be matched to the parameters again.
 */
public record NamedParameter(String name, Variable variable) {
    public NamedParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(variable, "variable of parameter " + name);
    }
}
