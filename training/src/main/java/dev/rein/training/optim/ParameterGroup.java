package dev.rein.training.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parameters that share hyper-parameters, as a torch {@code param_group}: a learning rate (multiplied by the
 * schedule's factor at each step) and a weight decay, applied only where it is above zero. Typical use: biases and
 * norm weights in a group without decay, a new head in a group with a larger learning rate.
 *
 * @param decayToInitial LaProp only: the decay pulls toward the parameters' values when the optimizer was built
 *                       (p ← p − lr·wd·(p − p₀)) instead of toward zero; the other optimizers ignore it
 */
public record ParameterGroup(String name, List<NamedParameter> parameters, double learningRate, double weightDecay,
                             boolean decayToInitial) {
    public ParameterGroup {
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(Objects.requireNonNull(parameters, "parameters of group " + name));
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("parameter group " + name + ": learning rate must be a finite number >= 0, got "
                    + learningRate);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("parameter group " + name + ": weight decay must be a finite number >= 0, got "
                    + weightDecay);
        }
    }

    /** A group whose weight decay (if any) pulls toward zero. */
    public static ParameterGroup of(String name, List<NamedParameter> parameters, double learningRate,
                                    double weightDecay) {
        return new ParameterGroup(name, parameters, learningRate, weightDecay, false);
    }

    /**
     * The groups Hugging Face's Trainer makes: {@code decay}, the matrices, with {@code weightDecay}, and
     * {@code no_decay}, the vectors (in every supported architecture exactly the biases and norm weights), without
     * it; a group with no parameters is left out.
     */
    public static List<ParameterGroup> decayOnMatrices(List<NamedParameter> parameters, double learningRate,
                                                       double weightDecay) {
        List<NamedParameter> matrices = parameters.stream().filter(p -> p.variable().rank() >= 2).toList();
        List<NamedParameter> vectors = parameters.stream().filter(p -> p.variable().rank() < 2).toList();
        List<ParameterGroup> groups = new ArrayList<>();
        if (!matrices.isEmpty()) {
            groups.add(of("decay", matrices, learningRate, weightDecay));
        }
        if (!vectors.isEmpty()) {
            groups.add(of("no_decay", vectors, learningRate, 0));
        }
        return groups;
    }
}
