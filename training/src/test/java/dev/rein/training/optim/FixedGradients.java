package dev.rein.training.optim;

import dev.rein.autograd.Variable;
import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The setting of the torch fixtures (src/test/resources/fixtures/optim_fixtures.py): one parameter of 5 elements
 * and 3 updates with fixed gradients, the learning rate of update i scaled by {@link #LR_FACTORS}[i].
 */
final class FixedGradients {
    static final float[] INITIAL = {0.5f, -1.25f, 2.0f, 0.0f, -0.3f};
    static final float[][] GRADS = {
            {0.1f, -0.2f, 0.3f, -0.4f, 0.5f},
            {-0.05f, 0.4f, 0.0f, 0.25f, -1.5f},
            {0.3f, 0.3f, -0.7f, 0.01f, 0.2f},
    };
    static final double[] LR_FACTORS = {1.0, 0.5, 0.25};

    private FixedGradients() {
    }

    static NamedParameter parameter(String name, float... values) {
        return new NamedParameter(name, Variable.parameter(Tensor.of(values.clone(), values.length)));
    }

    /** Makes {@code grad} the parameter's gradient, through a backward pass of {@code sum(w * grad)}. */
    static void setGrad(NamedParameter parameter, float... grad) {
        Variable variable = parameter.variable();
        variable.zeroGrad();
        variable.mul(Variable.constant(Tensor.of(grad.clone(), variable.shape()))).sum().backward();
    }

    /** The parameter's values after each of the three updates of an optimizer made by {@code make}. */
    static float[][] run(Function<List<ParameterGroup>, Optimizer> make, double learningRate, double weightDecay,
                         boolean decayToInitial) {
        NamedParameter parameter = parameter("w", INITIAL);
        Optimizer optimizer = make.apply(List.of(new ParameterGroup("all", List.of(parameter), learningRate,
                weightDecay, decayToInitial)));
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < GRADS.length; i++) {
            setGrad(parameter, GRADS[i]);
            optimizer.step(LR_FACTORS[i]);
            rows.add(parameter.variable().value().toFloatArray());
        }
        return rows.toArray(float[][]::new);
    }
}
