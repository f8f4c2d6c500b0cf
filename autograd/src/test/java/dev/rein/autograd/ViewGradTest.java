package dev.rein.autograd;

import static dev.rein.autograd.Inputs.uniform;

import dev.rein.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Gradchecks of every view and of chains of views over non-contiguous memory. */
class ViewGradTest {
    private final Tensor x = uniform(31, 2, 3, 4);

    @Test
    void singleViews() {
        Gradcheck.check("reshape", v -> v.get(0).reshape(4, -1), x);
        Gradcheck.check("view", v -> v.get(0).view(6, 4), x);
        Gradcheck.check("permute", v -> v.get(0).permute(2, 0, 1), x);
        Gradcheck.check("transpose", v -> v.get(0).transpose(0, 2), x);
        Gradcheck.check("mT", v -> v.get(0).mT(), x);
        Gradcheck.check("narrow", v -> v.get(0).narrow(2, 1, 2), x);
        Gradcheck.check("slice", v -> v.get(0).slice(2, 0, 4, 2), x);
        Gradcheck.check("slice negative", v -> v.get(0).slice(1, -2, 3, 1), x);
        Gradcheck.check("select", v -> v.get(0).select(1, -1), x);
        Gradcheck.check("expand", v -> v.get(0).narrow(1, 0, 1).expand(3, 2, 5, 4), x);
        Gradcheck.check("squeeze", v -> v.get(0).narrow(1, 1, 1).squeeze(1), x);
        Gradcheck.check("unsqueeze", v -> v.get(0).unsqueeze(-1), x);
        Gradcheck.check("contiguous", v -> v.get(0).transpose(0, 1).contiguous(), x);
    }

    @Test
    void chainsOfViewsOnNonContiguousMemory() {
        // transpose -> slice with step -> reshape (copies) -> expand -> elementwise, gradient flows through all
        Gradcheck.check("view chain", v -> v.get(0).transpose(1, 2).slice(1, 1, 4, 2).reshape(2, -1)
                .unsqueeze(0).expand(3, 2, 6).mul(v.get(0).select(2, 0).reshape(1, 1, 6)), x);
    }

    @Test
    void nonContiguousLeaf() {
        // the leaf's own value is a strided view of a larger tensor
        Tensor strided = uniform(32, 4, 6).transpose(0, 1).slice(0, 0, 6, 2);
        Gradcheck.check("non-contiguous leaf", v -> v.get(0).reshape(-1).mul(v.get(0).reshape(-1)), strided);
    }
}
