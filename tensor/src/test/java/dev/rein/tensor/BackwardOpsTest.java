package dev.rein.tensor;

import static dev.rein.tensor.TensorTesting.assertClose;
import static dev.rein.tensor.TensorTesting.assertShapeError;
import static dev.rein.tensor.TensorTesting.padded;
import static dev.rein.tensor.TensorTesting.random;
import static dev.rein.tensor.TensorTesting.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.NeuralOps.LayerNormGrads.Part;
import dev.rein.tensor.cpu.MathFunctions;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one-pass backward kernels (unary, softmax, cross-entropy, layer norm) against their formulas evaluated in
 * double precision, on rows long enough for the vector loops and with scalar tails.
 */
class BackwardOpsTest {

    @Test
    void unaryGradIsTheUpstreamTimesTheDerivative() {
        for (UnaryOp op : UnaryOp.values()) {
            boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.RSQRT;
            Tensor x = random(op.ordinal(), 3, 37).mul(3f);       // [-6, 6)
            if (positive) {
                x = x.abs().add(0.1f);
            }
            Tensor g = random(100 + op.ordinal(), 3, 37);
            double[] xs = values(x);
            double[] gs = values(g);
            double[] expected = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                expected[i] = gs[i] * MathFunctions.derivative(op, (float) xs[i]);
            }
            assertClose(op + " contiguous", expected, Elementwise.unaryGrad(op, x, g), 1e-5, 1e-6);
            assertClose(op + " strided", expected, Elementwise.unaryGrad(op, padded(x), padded(g)), 1e-5, 1e-6);
        }
    }

    @Test
    void geluTanhDerivativeAtLargeInputs() {
        Tensor x = Tensor.of(-1e20f, -30f, -12f, 12f, 30f, 1e20f, -1e20f, 1e20f);  // one 8-lane vector
        Tensor ones = Tensor.ones(8);
        assertClose(new double[] {0, 0, 0, 1, 1, 1, 0, 1}, Elementwise.unaryGrad(UnaryOp.GELU_TANH, x, ones), 1e-6,
                1e-6);
    }

    @Test
    void softmaxAndLogSoftmaxGrads() {
        Tensor x = random(1, 4, 29);
        Tensor g = random(2, 4, 29);
        double[] ys = values(x.softmax(1));
        double[] logYs = values(x.logSoftmax(1));
        double[] gs = values(g);
        double[] soft = new double[ys.length];
        double[] log = new double[ys.length];
        for (int r = 0; r < 4; r++) {
            double dot = 0;
            double sum = 0;
            for (int c = 0; c < 29; c++) {
                dot += gs[r * 29 + c] * ys[r * 29 + c];
                sum += gs[r * 29 + c];
            }
            for (int c = 0; c < 29; c++) {
                int i = r * 29 + c;
                soft[i] = ys[i] * (gs[i] - dot);
                log[i] = gs[i] - Math.exp(logYs[i]) * sum;
            }
        }
        assertClose("softmax", soft, NeuralOps.softmaxGrad(x.softmax(1), g, 1), 1e-5, 1e-6);
        assertClose("log-softmax", log, NeuralOps.logSoftmaxGrad(x.logSoftmax(1), g, 1), 1e-5, 1e-6);
        // another dim: moved last and back
        Tensor xt = x.mT().contiguous();
        assertClose("softmax over dim 0", values(NeuralOps.softmaxGrad(x.softmax(1), g, 1).mT()),
                NeuralOps.softmaxGrad(xt.softmax(0), g.mT(), 0), 1e-6, 1e-7);
    }

    @Test
    void crossEntropyAndItsGradient() {
        int rows = 4;
        int classes = 41;
        Tensor logits = random(3, rows, classes).mul(4f);
        Tensor targets = Tensor.ofLongs(new long[] {40, NeuralOps.IGNORE_INDEX, 0, 17}, rows);
        float smoothing = 0.1f;
        double[] x = values(logits);
        long[] t = targets.toLongArray();
        double loss = 0;
        double[] grad = new double[x.length];
        double upstream = 0.5;
        for (int r = 0; r < rows; r++) {
            if (t[r] == NeuralOps.IGNORE_INDEX) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, x[r * classes + c]);
            }
            double total = 0;
            for (int c = 0; c < classes; c++) {
                total += Math.exp(x[r * classes + c] - max);
            }
            for (int c = 0; c < classes; c++) {
                double logP = x[r * classes + c] - max - Math.log(total);
                double q = (c == t[r] ? 1 - smoothing : 0) + smoothing / classes;
                loss -= q * logP;
                grad[r * classes + c] = upstream / 3 * (Math.exp(logP) - q);
            }
        }
        assertClose("loss", new double[] {loss / 3}, NeuralOps.crossEntropy(logits, targets, smoothing), 1e-5, 1e-6);
        assertClose("gradient", grad, NeuralOps.crossEntropyGrad(logits, targets, smoothing, (float) upstream), 1e-5,
                1e-7);
    }

    @Test
    void logSumExpOfRows() {
        Tensor x = Tensor.of(new float[] {1000f, 1000f, 0f, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.NEGATIVE_INFINITY, -3f, 2f, 0.5f}, 3, 3);
        Tensor lse = Reductions.reduce(ReduceOp.LOGSUMEXP, x, 1, ReducedDim.DROP);
        assertClose(new double[] {1000 + Math.log(2), Double.NEGATIVE_INFINITY,
                Math.log(Math.exp(-3) + Math.exp(2) + Math.exp(0.5))}, lse, 1e-6, 1e-6);
    }

    @Test
    void layerNormGradients() {
        int rows = 5;
        int n = 27;
        Tensor x = random(4, rows, n).mul(2f).add(1f);
        Tensor w = random(5, n);
        Tensor g = random(6, rows, n);
        float eps = 1e-5f;
        double[] xs = values(x);
        double[] ws = values(w);
        double[] gs = values(g);
        double[] dx = new double[xs.length];
        double[] dw = new double[n];
        double[] db = new double[n];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int c = 0; c < n; c++) {
                mean += xs[r * n + c] / n;
            }
            double var = 0;
            for (int c = 0; c < n; c++) {
                var += (xs[r * n + c] - mean) * (xs[r * n + c] - mean) / n;
            }
            double rstd = 1 / Math.sqrt(var + eps);
            double a = 0;
            double b = 0;
            for (int c = 0; c < n; c++) {
                double xhat = (xs[r * n + c] - mean) * rstd;
                double gw = gs[r * n + c] * ws[c];
                a += gw / n;
                b += gw * xhat / n;
                dw[c] += gs[r * n + c] * xhat;
                db[c] += gs[r * n + c];
            }
            for (int c = 0; c < n; c++) {
                double xhat = (xs[r * n + c] - mean) * rstd;
                dx[r * n + c] = rstd * (gs[r * n + c] * ws[c] - a - xhat * b);
            }
        }
        NeuralOps.LayerNormGrads all = NeuralOps.layerNormGrad(x, w, eps, g, EnumSet.allOf(Part.class));
        assertClose("dx", dx, all.input(), 1e-4, 1e-5);
        assertClose("dw", dw, all.weight(), 1e-4, 1e-5);
        assertClose("db", db, all.bias(), 1e-4, 1e-5);
        NeuralOps.LayerNormGrads inputOnly = NeuralOps.layerNormGrad(x, w, eps, g, Set.of(Part.INPUT));
        assertClose("dx alone", dx, inputOnly.input(), 1e-4, 1e-5);
        assertNull(inputOnly.weight());
        assertNull(inputOnly.bias());
        assertShapeError(() -> NeuralOps.layerNormGrad(x, w, eps, g.narrow(1, 0, 3), Set.of(Part.INPUT)),
                "layer_norm backward", "differ in shape");
    }

    @Test
    void sumOverTheFirstDimOfAContiguousTensor() {
        Tensor x = random(7, 37, 3, 5);
        double[] xs = values(x);
        double[] expected = new double[15];
        for (int i = 0; i < xs.length; i++) {
            expected[i % 15] += xs[i];
        }
        Tensor sum = x.sum(0);
        assertEquals(2, sum.rank());
        assertClose(expected, sum, 1e-5, 1e-5);
        double[] mean = expected.clone();
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= 37;
        }
        assertClose(mean, x.mean(0, ReducedDim.KEEP), 1e-5, 1e-6);
    }

    @Test
    void linearAddsTheBiasToItsOwnOutput() {
        Tensor x = random(8, 2, 3, 6);
        Tensor w = random(9, 5, 6);
        Tensor b = random(10, 5);
        assertClose(values(x.matmul(w.mT()).add(b)), LinearAlgebra.linear(x, w, b), 1e-6, 1e-6);
        assertShapeError(() -> LinearAlgebra.linear(x, w, random(11, 4)), "linear: bias [4] does not broadcast to the output [2, 3, 5]");
    }

    @Test
    void zerosInTheLayoutOfAView() {
        Tensor like = Tensor.zeros(2, 5, 3, 4).permute(0, 2, 1, 3);        // [2, 3, 5, 4] over [2, 5, 3, 4]
        Tensor z = Tensor.zerosInLayoutOf(like);
        assertTrue(like.sameShape(z));
        assertArrayEquals(like.strides(), z.strides());
    }
}
