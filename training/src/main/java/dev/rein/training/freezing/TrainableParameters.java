package dev.rein.training.freezing;

import dev.rein.autograd.Variable;
import dev.rein.models.transformer.TransformerWeights;
import dev.rein.training.optim.NamedParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The weights of a loaded model that will be trained, by Hugging Face name, for an optimizer's parameter groups and
 * for checkpoints: those loaded as parameters (see {@link TrainableSelection}), in the model's layout order.
 */
public final class TrainableParameters {
    private TrainableParameters() {
    }

    /** Every weight that requires a gradient; frozen constants are left out. */
    public static List<NamedParameter> of(TransformerWeights weights) {
        List<NamedParameter> trainable = new ArrayList<>();
        for (Map.Entry<String, Variable> entry : weights.parameters().entrySet()) {
            if (entry.getValue().requiresGrad()) {
                trainable.add(new NamedParameter(entry.getKey(), entry.getValue()));
            }
        }
        return trainable;
    }

    /** Elements in all of {@code parameters}. */
    public static long count(List<NamedParameter> parameters) {
        return parameters.stream().mapToLong(p -> p.variable().value().numel()).sum();
    }
}
