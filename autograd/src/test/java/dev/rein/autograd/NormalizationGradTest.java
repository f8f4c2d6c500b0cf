package dev.rein.autograd;

import static dev.rein.autograd.Inputs.uniform;

import dev.rein.tensor.NeuralOps;
import dev.rein.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Gradchecks of softmax, log-softmax, layer norm and RMS norm (Llama and Gemma offsets). */
class NormalizationGradTest {
    private final Tensor x = uniform(71, -2f, 2f, 2, 3, 5);

    @Test
    void softmaxAndLogSoftmaxOverEveryDim() {
        for (int dim = -1; dim < 3; dim++) {
            int d = dim;
            Gradcheck.check("softmax " + d, v -> v.get(0).softmax(d), x);
            Gradcheck.check("logSoftmax " + d, v -> v.get(0).logSoftmax(d), x);
        }
    }

    @Test
    void softmaxWithMaskedEntries() {
        Tensor mask = NeuralOps.additiveMask(NeuralOps.causalMask(5, 5));
        Gradcheck.check("masked softmax", v -> v.get(0).add(Variable.constant(mask)).softmax(-1), uniform(72, 5, 5));
    }

    @Test
    void layerNorm() {
        Tensor w = uniform(73, 0.5f, 1.5f, 5);
        Tensor b = uniform(74, 5);
        Gradcheck.check("layerNorm", v -> NormalizationFunctions.layerNorm(v.get(0), v.get(1), v.get(2), 1e-5f), x, w, b);
        Gradcheck.check("layerNorm no bias", v -> NormalizationFunctions.layerNorm(v.get(0), v.get(1), null, 1e-5f), x, w);
        Gradcheck.check("layerNorm of transposed", v -> NormalizationFunctions.layerNorm(
                v.get(0).transpose(0, 2), v.get(1), null, 1e-5f), uniform(75, 5, 2, 3), w);
    }

    @Test
    void rowsLongerThanAVector() {
        // rows of 21: the fused kernels' vector loops and their scalar tails
        Tensor wide = uniform(78, -2f, 2f, 3, 21);
        Gradcheck.check("softmax 21", v -> v.get(0).softmax(-1), wide);
        Gradcheck.check("logSoftmax 21", v -> v.get(0).logSoftmax(-1), wide);
        Gradcheck.check("layerNorm 21", v -> NormalizationFunctions.layerNorm(v.get(0), v.get(1), v.get(2), 1e-5f),
                wide, uniform(79, 0.5f, 1.5f, 21), uniform(80, 21));
        Gradcheck.check("rmsNorm 21", v -> NormalizationFunctions.rmsNorm(v.get(0), v.get(1), 1e-6f),
                wide, uniform(81, 0.5f, 1.5f, 21));
    }

    @Test
    void rmsNorm() {
        Tensor w = uniform(77, 5);
        Gradcheck.check("rmsNorm", v -> NormalizationFunctions.rmsNorm(v.get(0), v.get(1), 1e-6f), x, w);
        Gradcheck.check("rmsNorm gemma", v -> NormalizationFunctions.rmsNorm(v.get(0), v.get(1), 1e-6f, 1f), x, w);
    }
}
