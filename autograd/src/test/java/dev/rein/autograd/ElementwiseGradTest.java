package dev.rein.autograd;

import static dev.rein.autograd.Inputs.awayFromZero;
import static dev.rein.autograd.Inputs.uniform;

import dev.rein.tensor.BinaryOp;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.UnaryOp;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Gradchecks of the unary and binary element-wise ops, broadcasting included. */
class ElementwiseGradTest {

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryOps(UnaryOp op) {
        Tensor x = switch (op) {
            case LOG, SQRT, RSQRT -> uniform(1, 0.5f, 2f, 3, 4); // inside the domain
            case ABS, RELU -> awayFromZero(1, 3, 4);              // away from the kink
            default -> uniform(1, -2f, 2f, 3, 4);
        };
        Gradcheck.check(op.name(), v -> UnaryFunctions.apply(op, v.get(0)), x);
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryOpsWithBroadcasting(BinaryOp op) {
        // a [2, 3, 4] against b [3, 1]: b is broadcast over the leading dim and the last dim;
        // div and pow (either way round) get positive operands away from 0
        boolean positive = op == BinaryOp.DIV || op == BinaryOp.POW;
        Tensor a = positive ? uniform(2, 0.5f, 2f, 2, 3, 4) : uniform(2, 2, 3, 4);
        Tensor b = positive ? uniform(3, 0.5f, 2f, 3, 1) : uniform(3, 3, 1);
        Gradcheck.check(op.name(), v -> BinaryFunctions.apply(op, v.get(0), v.get(1)), a, b);
        Gradcheck.check(op.name() + " swapped", v -> BinaryFunctions.apply(op, v.get(1), v.get(0)), a, b);
    }

    @Test
    void maximumSplitsTiesEvenly() {
        Variable a = Variable.parameter(Tensor.of(1f, 2f));
        Variable b = Variable.parameter(Tensor.of(1f, 3f));
        a.maximum(b).sum().backward();
        Assertions.assertArrayEquals(new float[] {0.5f, 0f}, a.grad().toFloatArray());
        Assertions.assertArrayEquals(new float[] {0.5f, 1f}, b.grad().toFloatArray());
    }

    @Test
    void scalarOperands() {
        Gradcheck.check("scalar ops", v -> v.get(0).mul(3f).add(1f).sub(0.5f).div(2f).pow(2f), uniform(4, 5));
    }

    @Test
    void clampPassesGradientOnlyInsideTheRange() {
        Tensor x = Tensor.of(-0.9f, -0.3f, 0.1f, 0.45f, 0.8f);
        Gradcheck.check("clamp", v -> v.get(0).clamp(-0.5f, 0.5f), x);
    }

    @Test
    void softcap() {
        Gradcheck.check("softcap", v -> v.get(0).softcap(2f), uniform(5, -4f, 4f, 7));
    }

    @Test
    void whereAndMaskedFill() {
        Tensor cond = Tensor.ofBools(new boolean[] {true, false, false, true, true, false}, 2, 3);
        Gradcheck.check("where", v -> BinaryFunctions.where(cond, v.get(0), v.get(1)),
                uniform(6, 2, 3), uniform(7, 3)); // b broadcast over rows
        Gradcheck.check("maskedFill", v -> v.get(0).maskedFill(cond.narrow(0, 0, 1), -3f), uniform(8, 2, 3));
    }

    @Test
    void nonContiguousOperands() {
        // a^T [4, 3] (strided view) * b [3] broadcast
        Gradcheck.check("mul of transposed", v -> v.get(0).mT().mul(v.get(1)).exp(), uniform(9, 3, 4), uniform(10, 3));
    }

    @Test
    void sameInputUsedTwiceAccumulates() {
        Gradcheck.check("x * x + x", v -> v.get(0).mul(v.get(0)).add(v.get(0)), uniform(11, 4));
    }

    @Test
    void functionOfSeveralOpsIsCheckedWhole() {
        Gradcheck.check("composite", v -> v.get(0).tanh().mul(v.get(1).sigmoid()).silu(),
                uniform(12, 2, 3), uniform(13, 2, 3));
    }
}
