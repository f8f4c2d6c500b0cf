package dev.rein.autograd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Gradcheck itself: it must catch a wrong backward rule and name the offending element. */
class GradcheckTest {

    @Test
    void detectsAWrongRuleAndNamesTheElement() {
        Tensor x = Tensor.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 2, 2);
        // y = x^2 with a deliberately wrong rule d x = d y * x (missing the factor 2)
        AssertionError error = assertThrows(AssertionError.class, () -> Gradcheck.check("wrong square",
                v -> Variable.fromOp("wrong", v.get(0).value().mul(v.get(0).value()),
                        Edge.of(v.get(0), g -> g.mul(v.get(0).value()))), x));
        assertTrue(error.getMessage().contains("input 0 element ["), error.getMessage());
    }

    @Test
    void acceptsACorrectRule() {
        Gradcheck.check("square", v -> v.get(0).mul(v.get(0)), Tensor.of(0.1f, -0.7f, 2f));
    }
}
