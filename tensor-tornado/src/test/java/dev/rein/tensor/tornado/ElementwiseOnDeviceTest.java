package dev.rein.tensor.tornado;

import static dev.rein.tensor.tornado.DeviceComparison.assertClose;
import static dev.rein.tensor.tornado.DeviceComparison.cpu;
import static dev.rein.tensor.tornado.DeviceComparison.device;

import dev.rein.tensor.BinaryOp;
import dev.rein.tensor.DType;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The element-wise primitives on the device against the CPU backend, on random inputs: relative 1e-5 plus absolute
 * 1e-6 (OpenCL's exp, log, tanh and pow may be a few ulps off Java's, and GELU's erf is a fitted approximation with
 * relative error below 1.2e-7).
 */
class ElementwiseOnDeviceTest {
    private static final double ABSOLUTE = 1e-6;
    private static final double RELATIVE = 1e-5;

    /** Inputs each op is defined on: positive for log, sqrt and rsqrt, any sign otherwise. */
    private static Tensor inputFor(UnaryOp op, long seed) {
        Tensor x = new TensorRandom(seed).normal(0f, 2f, 7, 300);
        return switch (op) {
            case LOG, SQRT, RSQRT -> x.abs().add(0.01f);
            default -> x;
        };
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryMatchesCpu(UnaryOp op) {
        Tensor x = inputFor(op, 1);
        Tensor expected = Tensor.zeros(x.shape());
        Tensor actual = Tensor.zeros(x.shape());
        cpu().unary(op, x, expected);
        device().unary(op, x, actual);
        assertClose("unary " + op, expected, actual, ABSOLUTE, RELATIVE);
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryGradMatchesCpu(UnaryOp op) {
        Tensor x = inputFor(op, 2);
        Tensor g = new TensorRandom(3).normal(0f, 1f, x.shape());
        Tensor expected = Tensor.zeros(x.shape());
        Tensor actual = Tensor.zeros(x.shape());
        cpu().unaryGrad(op, x, g, expected);
        device().unaryGrad(op, x, g, actual);
        assertClose("unaryGrad " + op, expected, actual, ABSOLUTE, RELATIVE);
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryWithBroadcastMatchesCpu(BinaryOp op) {
        Tensor a = new TensorRandom(4).normal(0f, 2f, 3, 5, 64);
        Tensor b = new TensorRandom(5).normal(0f, 2f, 5, 1).expand(3, 5, 64);      // stride 0 on two dims
        if (op == BinaryOp.POW) {
            a = a.abs().add(0.1f);
        }
        Tensor expected = Tensor.zeros(a.shape());
        Tensor actual = Tensor.zeros(a.shape());
        cpu().binary(op, a, b, expected);
        device().binary(op, a, b, actual);
        assertClose("binary " + op + " (broadcast)", expected, actual, ABSOLUTE, RELATIVE);
    }

    @Test
    void binaryInPlaceFromATransposedOperandMatchesCpu() {
        Tensor bias = new TensorRandom(6).normal(0f, 1f, 40);
        Tensor base = new TensorRandom(7).normal(0f, 1f, 40, 30);
        Tensor expected = base.mT().contiguous();                             // [30, 40]
        Tensor actual = expected.copy();
        cpu().binary(BinaryOp.ADD, expected, bias.expand(30, 40), expected);
        device().binary(BinaryOp.ADD, actual, bias.expand(30, 40), actual);
        assertClose("binary ADD in place (bias)", expected, actual, 0, 0);
        Tensor fromView = Tensor.zeros(30, 40);
        device().binary(BinaryOp.ADD, base.mT(), bias.expand(30, 40), fromView);
        assertClose("binary ADD of a transposed view", expected, fromView, 0, 0);
    }

    @Test
    void whereMatchesCpu() {
        Tensor cond = new TensorRandom(8).normal(0f, 1f, 6, 1, 50).to(DType.F32);
        boolean[] picks = new boolean[300];
        float[] c = cond.toFloatArray();
        for (int i = 0; i < picks.length; i++) {
            picks[i] = c[i] > 0f;
        }
        Tensor mask = Tensor.ofBools(picks, 6, 1, 50).expand(6, 4, 50);
        Tensor a = new TensorRandom(9).normal(0f, 1f, 6, 4, 50);
        Tensor b = Tensor.full(-3f, 1, 1, 1).expand(6, 4, 50);
        Tensor expected = Tensor.zeros(6, 4, 50);
        Tensor actual = Tensor.zeros(6, 4, 50);
        cpu().where(mask, a, b, expected);
        device().where(mask, a, b, actual);
        assertClose("where (broadcast)", expected, actual, 0, 0);
    }
}
