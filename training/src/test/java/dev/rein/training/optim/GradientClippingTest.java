package dev.rein.training.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.Variable;
import dev.rein.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Global-norm clipping against torch.nn.utils.clip_grad_norm_ (values from optim_fixtures.py). */
class GradientClippingTest {

    @Test
    void scalesAllGradientsToTheMaximumNormAndReturnsTheNormBefore() {
        Variable a = withGrad(new float[] {3f, -4f, 1f}, 3);
        Variable b = withGrad(new float[] {2f, 0.5f, -1f, 6f}, 2, 2);
        Variable noGrad = Variable.parameter(Tensor.zeros(2));
        double norm = GradientClipping.clipByGlobalNorm(List.of(a, noGrad, b), 2.5);
        assertEquals(8.200610160827637, norm, 1e-6);
        assertArrayEquals(new float[] {0.9145660400390625f, -1.21942138671875f, 0.3048553466796875f},
                a.grad().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0.609710693359375f, 0.15242767333984375f, -0.3048553466796875f,
                1.829132080078125f}, b.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void leavesGradientsBelowTheMaximumUntouched() {
        Variable a = withGrad(new float[] {0.3f, -0.4f}, 2);
        double norm = GradientClipping.clipByGlobalNorm(List.of(a), 1.0);
        assertEquals(0.5, norm, 1e-7);
        assertArrayEquals(new float[] {0.3f, -0.4f}, a.grad().toFloatArray());
    }

    @Test
    void sumsLargeGradientsBlockByBlock() {
        float[] ones = new float[200_000];
        Arrays.fill(ones, 1f);
        Variable big = withGrad(ones, ones.length);
        double norm = GradientClipping.clipByGlobalNorm(List.of(big), 1.0);
        assertEquals(Math.sqrt(ones.length), norm, 1e-9);
        float[] clipped = big.grad().toFloatArray();
        assertEquals((float) (1 / (Math.sqrt(ones.length) + 1e-6)), clipped[ones.length - 1]);
    }

    @Test
    void aNonFiniteNormIsReturnedAndNothingIsScaled() {
        Variable a = withGrad(new float[] {Float.NaN, 1f}, 2);
        assertTrue(Double.isNaN(GradientClipping.clipByGlobalNorm(List.of(a), 1.0)));
        assertEquals(1f, a.grad().toFloatArray()[1]);
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipByGlobalNorm(List.of(a), 0));
    }

    private static Variable withGrad(float[] grad, int... shape) {
        Variable v = Variable.parameter(Tensor.zeros(shape));
        v.mul(Variable.constant(Tensor.of(grad, shape))).sum().backward();
        return v;
    }
}
