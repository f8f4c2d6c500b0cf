package dev.rein.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Adam's update runs in vectors over most of a parameter and element by element over the rest; both must give the
 * same bits. A parameter of 16 x 6 + 5 elements repeating the five of {@link FixedGradients} (with their gradients)
 * must end, at every element, exactly where the five-element run (all on the scalar path) ends.
 */
class AdamVectorTest {
    private static final int LENGTH = 16 * 6 + 5;

    @Test
    void vectorAndScalarPathsGiveTheSameBits() {
        check("AdamW", g -> new AdamW(g, AdamSettings.defaults()));
        check("Adam with L2", g -> new Adam(g, AdamSettings.defaults()));
    }

    private static void check(String what, Function<List<ParameterGroup>, Optimizer> make) {
        float[][] fiveElements = FixedGradients.run(make, 0.01, 0.1, false);
        NamedParameter parameter = FixedGradients.parameter("w", repeated(FixedGradients.INITIAL));
        Optimizer optimizer = make.apply(List.of(new ParameterGroup("all", List.of(parameter), 0.01, 0.1, false)));
        for (int i = 0; i < FixedGradients.GRADS.length; i++) {
            FixedGradients.setGrad(parameter, repeated(FixedGradients.GRADS[i]));
            optimizer.step(FixedGradients.LR_FACTORS[i]);
            float[] values = parameter.variable().value().toFloatArray();
            for (int j = 0; j < LENGTH; j++) {
                assertEquals(Float.floatToRawIntBits(fiveElements[i][j % 5]), Float.floatToRawIntBits(values[j]),
                        what + ", update " + i + ", element " + j);
            }
        }
    }

    private static float[] repeated(float[] five) {
        float[] out = new float[LENGTH];
        for (int j = 0; j < LENGTH; j++) {
            out[j] = five[j % 5];
        }
        return out;
    }
}
