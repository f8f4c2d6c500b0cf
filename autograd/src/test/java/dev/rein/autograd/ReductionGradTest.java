package dev.rein.autograd;

import static dev.rein.autograd.Inputs.uniform;

import dev.rein.tensor.ReducedDim;
import dev.rein.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gradchecks of the reductions over every dim, keeping or dropping it. */
class ReductionGradTest {
    private final Tensor x = uniform(21, 2, 3, 4);

    @ParameterizedTest
    @CsvSource({"0,KEEP", "1,DROP", "2,KEEP", "-1,DROP"})
    void sumMeanVar(int dim, ReducedDim reduced) {
        Gradcheck.check("sum", v -> v.get(0).sum(dim, reduced), x);
        Gradcheck.check("mean", v -> v.get(0).mean(dim, reduced), x);
        Gradcheck.check("var biased", v -> v.get(0).var(dim, reduced, 0), x);
        Gradcheck.check("var unbiased", v -> v.get(0).var(dim, reduced, 1), x);
    }

    @ParameterizedTest
    @CsvSource({"0,KEEP", "1,DROP", "2,KEEP", "-1,DROP"})
    void maxMin(int dim, ReducedDim reduced) {
        // uniform random values are distinct, and eps-perturbations do not change which one is the largest
        Tensor spread = Tensor.arange(0f, 24f, 1f).mul(0.1f).reshape(2, 3, 4).mul(uniform(22, 0.9f, 1.1f, 2, 3, 4));
        Tensor shuffled = spread.permute(2, 0, 1).contiguous().reshape(2, 3, 4);
        Gradcheck.check("max", v -> v.get(0).max(dim, reduced), shuffled);
        Gradcheck.check("min", v -> v.get(0).min(dim, reduced), shuffled);
    }

    @Test
    void overAllElements() {
        Gradcheck.check("sumAll", v -> v.get(0).sum(), x);
        Gradcheck.check("meanAll", v -> v.get(0).mean(), x);
        Gradcheck.check("meanAll of transposed", v -> v.get(0).transpose(0, 2).exp().mean(), x);
    }
}
