package dev.rein.training.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.Hooks;
import dev.rein.tensor.Tensor;
import dev.rein.data.batch.TrainingBatch;
import dev.rein.training.freezing.TrainableParameters;
import dev.rein.training.freezing.TrainableSelection;
import dev.rein.training.optim.NamedParameter;
import dev.rein.training.testing.Batches;
import dev.rein.training.testing.TinyLlama;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gradients accumulated over micro-batches equal those of one batch holding all their rows. */
class GradientAccumulationTest {
    private static final int I = TrainingBatch.IGNORED;
    // rows of {ids..., labels...}: different lengths and masked labels, so micro-batches hold different target counts
    private static final int[] A = {5, 6, 7, 8, 9, 10, 5, 6, 7, 8, 9, 10};
    private static final int[] B = {20, 21, 22, I, I, 22};
    private static final int[] C = {30, 31, 32, 33, 34, I, 31, 32, 33, I};

    @TempDir
    Path dir;

    @Test
    void microBatchesWeighedByTheirTargetsEqualOneBigBatch() throws IOException {
        try (LanguageModel model = LanguageModel.load(TinyLlama.write(dir, 3), TrainableSelection.all())) {
            List<NamedParameter> parameters = TrainableParameters.of(model.transformer().weights());

            GradientAccumulation.StepLoss accumulated = GradientAccumulation.backward(model.transformer(),
                    Hooks.none(), List.of(Batches.of(A, B), Batches.of(C)));
            Map<String, float[]> accumulatedGrads = grads(parameters);
            parameters.forEach(p -> p.variable().zeroGrad());
            GradientAccumulation.StepLoss whole = GradientAccumulation.backward(model.transformer(), Hooks.none(),
                    List.of(Batches.of(A, B, C)));

            assertEquals(5 + 1 + 3, whole.targets());
            assertEquals(whole.targets(), accumulated.targets());
            assertEquals(6 + 3 + 5, accumulated.tokens());
            assertEquals(whole.loss(), accumulated.loss(), 1e-6 * whole.loss());
            for (NamedParameter parameter : parameters) {
                float[] expected = parameter.variable().grad().contiguous().toFloatArray();
                assertArrayEquals(expected, accumulatedGrads.get(parameter.name()), 1e-5f * maxAbs(expected),
                        parameter.name());
            }
        }
    }

    @Test
    void targetsAreTheNextPositionsLabels() {
        Tensor labels = Tensor.ofLongs(new long[] {1, 2, 3, 4, I, 6}, 2, 3);
        assertArrayEquals(new long[] {2, 3, I, I, 6, I}, CausalLmLoss.shiftedTargets(labels).toLongArray());
    }

    private static Map<String, float[]> grads(List<NamedParameter> parameters) {
        Map<String, float[]> grads = new LinkedHashMap<>();
        for (NamedParameter parameter : parameters) {
            grads.put(parameter.name(), parameter.variable().grad().contiguous().toFloatArray());
        }
        return grads;
    }

    private static float maxAbs(float[] values) {
        float max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
