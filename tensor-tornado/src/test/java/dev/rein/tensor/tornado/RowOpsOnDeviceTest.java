package dev.rein.tensor.tornado;

import static dev.rein.tensor.tornado.DeviceComparison.assertClose;
import static dev.rein.tensor.tornado.DeviceComparison.cpu;
import static dev.rein.tensor.tornado.DeviceComparison.device;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rein.tensor.DType;
import dev.rein.tensor.NeuralOps;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.ReduceOp;
import dev.rein.tensor.SoftmaxOp;
import dev.rein.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The row primitives (one work-group per row, reduced in local memory) against the CPU backend. Rows of 1000 values
 * summed in a different order: absolute 1e-5 plus relative 1e-5. The row length 1000 is not a multiple of the
 * work-group, and one row of 3 leaves most work-items idle.
 */
class RowOpsOnDeviceTest {
    private static final double ABSOLUTE = 1e-5;
    private static final double RELATIVE = 1e-5;

    private static Tensor rows(long seed, int n) {
        return new TensorRandom(seed).normal(0f, 3f, 9, n);
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduceRowsMatchesCpu(ReduceOp op) {
        for (int n : new int[] {3, 1000}) {
            Tensor x = rows(1, n);
            Tensor expected = Tensor.zeros(9);
            Tensor actual = Tensor.zeros(9);
            cpu().reduceRows(op, x, expected);
            device().reduceRows(op, x, actual);
            assertClose("reduceRows " + op + " n=" + n, expected, actual, ABSOLUTE, RELATIVE);
        }
    }

    @Test
    void emptyTensorsLaunchNothing() {
        Tensor none = Tensor.zeros(0);
        device().reduceRows(ReduceOp.SUM, Tensor.zeros(0, 1000), none);
        device().softmaxRows(SoftmaxOp.SOFTMAX, Tensor.zeros(0, 1000), Tensor.zeros(0, 1000));
        assertArrayEquals(new float[0], none.toFloatArray());
    }

    @Test
    void argmaxRowsMatchesCpuWithTiesAndNaN() {
        Tensor x = rows(2, 1000);
        x.setFloat(50f, 1, 10);
        x.setFloat(50f, 1, 900);                 // a tie: the first wins
        x.setFloat(Float.NaN, 2, 700);           // NaN counts as the largest
        Tensor expected = Tensor.zeros(DType.I64, 9);
        Tensor actual = Tensor.zeros(DType.I64, 9);
        cpu().argmaxRows(x, expected);
        device().argmaxRows(x, actual);
        assertArrayEquals(expected.toLongArray(), actual.toLongArray());
    }

    @ParameterizedTest
    @EnumSource(SoftmaxOp.class)
    void softmaxRowsMatchesCpu(SoftmaxOp op) {
        Tensor x = rows(3, 1000);
        for (int j = 0; j < 1000; j++) {
            x.setFloat(Float.NEGATIVE_INFINITY, 4, j);                    // a fully masked row gives NaN
        }
        Tensor expected = Tensor.zeros(x.shape());
        Tensor actual = Tensor.zeros(x.shape());
        cpu().softmaxRows(op, x, expected);
        device().softmaxRows(op, x, actual);
        assertClose(op + " rows", expected, actual, ABSOLUTE, RELATIVE);
    }

    @ParameterizedTest
    @EnumSource(SoftmaxOp.class)
    void softmaxGradRowsMatchesCpu(SoftmaxOp op) {
        Tensor y = Tensor.zeros(9, 1000);
        cpu().softmaxRows(op, rows(4, 1000), y);
        Tensor g = rows(5, 1000);
        Tensor expected = Tensor.zeros(y.shape());
        Tensor actual = Tensor.zeros(y.shape());
        cpu().softmaxGradRows(op, y, g, expected);
        device().softmaxGradRows(op, y, g, actual);
        assertClose(op + " gradient rows", expected, actual, ABSOLUTE, RELATIVE);
    }

    @Test
    void crossEntropyGradRowsMatchesCpu() {
        Tensor x = rows(6, 1000);
        long[] targets = {3, 999, NeuralOps.IGNORE_INDEX, 0, 512, 7, NeuralOps.IGNORE_INDEX, 100, 1};
        Tensor t = Tensor.ofLongs(targets, 9);
        Tensor expected = Tensor.zeros(x.shape());
        Tensor actual = Tensor.zeros(x.shape());
        cpu().crossEntropyGradRows(x, t, 0.1f, 1f / 7, expected);
        device().crossEntropyGradRows(x, t, 0.1f, 1f / 7, actual);
        assertClose("crossEntropyGradRows", expected, actual, 1e-7, RELATIVE);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "BF16"})
    void rmsNormRowsMatchesCpu(DType weightType) {
        Tensor x = rows(7, 1000);
        Tensor w = new TensorRandom(8).normal(1f, 0.2f, 1000).to(weightType);
        for (float offset : new float[] {0f, 1f}) {
            Tensor expected = Tensor.zeros(x.shape());
            Tensor actual = Tensor.zeros(x.shape());
            cpu().rmsNormRows(x, w, 1e-6f, offset, expected);
            device().rmsNormRows(x, w, 1e-6f, offset, actual);
            assertClose("rmsNormRows " + weightType + " offset " + offset, expected, actual, ABSOLUTE, RELATIVE);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void layerNormRowsMatchesCpu(boolean withBias) {
        Tensor x = rows(9, 1000).add(2f);
        Tensor w = new TensorRandom(10).normal(1f, 0.2f, 1000);
        Tensor b = withBias ? new TensorRandom(11).normal(0f, 0.2f, 1000) : null;
        Tensor expected = Tensor.zeros(x.shape());
        Tensor actual = Tensor.zeros(x.shape());
        cpu().layerNormRows(x, w, b, 1e-5f, expected);
        device().layerNormRows(x, w, b, 1e-5f, actual);
        assertClose("layerNormRows" + (withBias ? " with bias" : ""), expected, actual, ABSOLUTE, RELATIVE);
    }
}
