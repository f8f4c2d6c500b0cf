package dev.rein.tensor.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Element-wise kernels, one work-item per output element of a contiguous output. Operands that were broadcast
 * arrive compact (see {@link BroadcastOperand}) and are read through per-dim strides, 0 on broadcast dims.
 *
 * <p>Int parameters: {@code [0]} elements, {@code [1]} op code, {@code [2]} rank, then the output shape and each
 * operand's strides at {@link #SHAPE} and {@link #strides}.
 */
final class ElementwiseKernels {
    static final int COUNT = 0;
    static final int OP = 1;
    static final int RANK = 2;
    static final int SHAPE = 3;
    static final int MAX_RANK = 8;

    private ElementwiseKernels() {
    }

    /** Where operand {@code operand}'s strides start in the int parameters. */
    static int strides(int operand) {
        return SHAPE + MAX_RANK * (1 + operand);
    }

    /** The element of operand {@code operand} that output element {@code i} reads. */
    static int offset(IntArray ip, int i, int operand) {
        int rank = ip.get(RANK);
        int strides = SHAPE + MAX_RANK * (1 + operand);
        int rest = i;
        int at = 0;
        for (int d = rank - 1; d >= 0; d--) {
            int size = ip.get(SHAPE + d);
            at += (rest % size) * ip.get(strides + d);
            rest = rest / size;
        }
        return at;
    }

    static void unary(KernelContext context, IntArray ip, FloatArray x, FloatArray out) {
        int i = context.globalIdx;
        if (i < ip.get(COUNT)) {
            out.set(i, DeviceMath.unary(ip.get(OP), x.get(i)));
        }
    }

    static void unaryGrad(KernelContext context, IntArray ip, FloatArray x, FloatArray g, FloatArray out) {
        int i = context.globalIdx;
        if (i < ip.get(COUNT)) {
            out.set(i, g.get(i) * DeviceMath.derivative(ip.get(OP), x.get(i)));
        }
    }

    static void binary(KernelContext context, IntArray ip, FloatArray a, FloatArray b, FloatArray out) {
        int i = context.globalIdx;
        if (i < ip.get(COUNT)) {
            out.set(i, DeviceMath.binary(ip.get(OP), a.get(offset(ip, i, 0)), b.get(offset(ip, i, 1))));
        }
    }

    static void where(KernelContext context, IntArray ip, ByteArray cond, FloatArray a, FloatArray b,
            FloatArray out) {
        int i = context.globalIdx;
        if (i < ip.get(COUNT)) {
            boolean pick = cond.get(offset(ip, i, 0)) != 0;
            out.set(i, pick ? a.get(offset(ip, i, 1)) : b.get(offset(ip, i, 2)));
        }
    }
}
