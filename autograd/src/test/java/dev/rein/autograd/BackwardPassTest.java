package dev.rein.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.ShapeException;
import dev.rein.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tape's behaviour: accumulation, NoGrad, detach, constants, input and intermediate gradients. */
class BackwardPassTest {

    @Test
    void gradientsAccumulateOverTwoBackwardCalls() {
        Variable w = Variable.parameter(Tensor.of(1f, 2f, 3f));
        w.mul(w).sum().backward();                  // d/dw sum(w^2) = 2w
        assertArrayEquals(new float[] {2f, 4f, 6f}, w.grad().toFloatArray());
        w.mul(3f).sum().backward();                 // + 3
        assertArrayEquals(new float[] {5f, 7f, 9f}, w.grad().toFloatArray());
        w.zeroGrad();
        assertNull(w.grad());
    }

    @Test
    void secondBackwardThroughTheSameGraphAccumulates() {
        Variable w = Variable.parameter(Tensor.of(1f, -2f));
        Variable loss = w.mul(w).sum();
        loss.backward();
        loss.backward();
        assertArrayEquals(new float[] {4f, -8f}, w.grad().toFloatArray());
    }

    @Test
    void backwardWithUpstreamGradient() {
        Variable x = Variable.parameter(Tensor.of(new float[] {1f, 2f, 3f, 4f}, 2, 2));
        x.exp().backward(Tensor.of(new float[] {1f, 0f, 0f, 2f}, 2, 2));
        float[] expected = {(float) Math.E, 0f, 0f, 2f * (float) Math.exp(4)};
        assertArrayEquals(expected, x.grad().toFloatArray(), 1e-5f);
    }

    @Test
    void backwardOfNonScalarNeedsUpstream() {
        Variable x = Variable.parameter(Tensor.of(1f, 2f));
        assertThrows(IllegalStateException.class, () -> x.exp().backward());
        assertThrows(ShapeException.class, () -> x.exp().backward(Tensor.of(1f, 2f, 3f)));
    }

    @Test
    void noGradScopeRecordsNothing() {
        Variable w = Variable.parameter(Tensor.of(1f, 2f));
        Variable y;
        try (NoGrad _ = NoGrad.enter()) {
            y = w.mul(w).sum();
            assertFalse(NoGrad.isRecording());
        }
        assertTrue(NoGrad.isRecording());
        assertFalse(y.requiresGrad());
        assertTrue(y.isLeaf());
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void noGradScopeIsPerThread() throws InterruptedException {
        try (NoGrad _ = NoGrad.enter()) {
            boolean[] otherThreadRecords = new boolean[1];
            Thread t = new Thread(() -> otherThreadRecords[0] = NoGrad.isRecording());
            t.start();
            t.join();
            assertTrue(otherThreadRecords[0]);
        }
    }

    @Test
    void detachStopsTheGradient() {
        Variable x = Variable.parameter(Tensor.of(2f, 3f));
        Variable y = x.mul(x.detach());             // d y / d x treats the detached factor as a constant
        y.sum().backward();
        assertArrayEquals(new float[] {2f, 3f}, x.grad().toFloatArray());
        assertFalse(x.detach().requiresGrad());
        assertTrue(x.detach().value() == x.value());
    }

    @Test
    void constantsNeverGetGradientBuffers() {
        Variable c = Variable.constant(Tensor.of(5f, 6f));
        Variable w = Variable.parameter(Tensor.of(1f, 1f));
        c.mul(w).sum().backward();
        assertNull(c.grad());
        assertArrayEquals(new float[] {5f, 6f}, w.grad().toFloatArray());
        assertFalse(c.mul(c).requiresGrad());
    }

    @Test
    void gradientWithRespectToAnIntermediateHiddenState() {
        // value = sum(w2 * tanh(W1 h)); RE-Control needs d value / d h where h is computed, not a parameter
        Variable input = Variable.constant(Tensor.of(0.5f, -1f));
        Variable mix = Variable.parameter(Tensor.of(new float[] {1f, 2f, -1f, 0.5f}, 2, 2));
        Variable hidden = mix.matmul(input);               // [2], an intermediate
        Variable value = hidden.tanh().mul(Variable.constant(Tensor.of(1f, -2f))).sum();
        Tensor dHidden = Variable.gradients(value, Tensor.scalar(1f), List.of(hidden)).getFirst();
        float[] h = hidden.value().toFloatArray();
        float[] expected = {1f - (float) Math.pow(Math.tanh(h[0]), 2), -2f * (1f - (float) Math.pow(Math.tanh(h[1]), 2))};
        assertArrayEquals(expected, dHidden.toFloatArray(), 1e-6f);
        assertNull(mix.grad(), "gradients() accumulates nothing");
    }

    @Test
    void gradientWithRespectToAnInputThatIsNotAParameter() {
        Variable x = Variable.parameter(Tensor.of(1f, 2f));       // an input we steer, e.g. a hidden state
        Variable w = Variable.constant(Tensor.of(3f, 4f));        // frozen weights
        x.mul(w).sum().backward();
        assertArrayEquals(new float[] {3f, 4f}, x.grad().toFloatArray());
        assertNull(w.grad());
    }

    @Test
    void unusedInputGetsZeros() {
        Variable x = Variable.parameter(Tensor.of(1f, 2f));
        Variable unused = Variable.parameter(Tensor.of(7f));
        Tensor g = Variable.gradients(x.sum(), Tensor.scalar(1f), List.of(unused)).getFirst();
        assertArrayEquals(new float[] {0f}, g.toFloatArray());
    }

    @Test
    void retainGradKeepsAnIntermediatesGradient() {
        Variable x = Variable.parameter(Tensor.of(1f, 2f));
        Variable y = x.mul(2f).retainGrad();
        Variable z = x.mul(3f);
        y.mul(y).sum().backward();                  // d/dy = 2y
        assertArrayEquals(new float[] {4f, 8f}, y.grad().toFloatArray());
        assertNull(z.grad());
        assertEquals("mul", y.op());
    }

    @Test
    void diamondGraphSumsBothPaths() {
        // y = a*b where a = x+1, b = x*x share x: dy/dx = b + 2x a
        Variable x = Variable.parameter(Tensor.of(3f));
        Variable a = x.add(1f);
        Variable b = x.mul(x);
        a.mul(b).sum().backward();
        assertEquals(9f + 2 * 3 * 4f, x.grad().item(), 1e-5f);
    }

    @Test
    void laterBackwardPassesAddIntoTheSameGradientTensor() {
        Variable w = Variable.parameter(Tensor.of(1f, -2f));
        Variable loss = w.mul(w).sum();
        loss.backward();
        Tensor first = w.grad();
        loss.backward();
        assertSame(first, w.grad());
        assertArrayEquals(new float[] {4f, -8f}, first.toFloatArray());
    }

    @Test
    void theCallersUpstreamAndReturnedGradientsAreNeverWritten() {
        // x feeds an addition (both operands get the upstream itself) and two more uses whose gradients are summed
        Variable x = Variable.parameter(Tensor.of(1f, 2f));
        Variable hidden = x.mul(2f);
        Variable y = hidden.add(hidden).add(x.mul(x)).add(x);
        Tensor upstream = Tensor.of(1f, 1f);
        List<Tensor> grads = Variable.gradients(y, upstream, List.of(hidden, x));
        assertArrayEquals(new float[] {1f, 1f}, upstream.toFloatArray(), "upstream unchanged");
        assertArrayEquals(new float[] {2f, 2f}, grads.get(0).toFloatArray(), "d y / d hidden");
        assertArrayEquals(new float[] {7f, 9f}, grads.get(1).toFloatArray(), "d y / d x = 4 + 2x + 1");
        y.backward(upstream);
        assertArrayEquals(new float[] {1f, 1f}, upstream.toFloatArray(), "upstream unchanged by backward");
        assertArrayEquals(new float[] {7f, 9f}, x.grad().toFloatArray());
    }

    @Test
    void deepChainDoesNotOverflowTheStack() {
        Variable x = Variable.parameter(Tensor.of(1f));
        Variable y = x;
        for (int i = 0; i < 20_000; i++) {
            y = y.add(0f);
        }
        y.sum().backward();
        assertEquals(1f, x.grad().item());
    }
}
