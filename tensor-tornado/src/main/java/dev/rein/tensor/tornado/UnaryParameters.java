package dev.rein.tensor.tornado;

import dev.rein.tensor.UnaryOp;

/** The int parameters of {@link ElementwiseKernels#unary} and {@link ElementwiseKernels#unaryGrad} by name. */
record UnaryParameters(int count, UnaryOp op) {

    /** The parameters at the indices {@link ElementwiseKernels} names. */
    int[] values() {
        int[] values = new int[ElementwiseKernels.OP + 1];
        values[ElementwiseKernels.COUNT] = count;
        values[ElementwiseKernels.OP] = op.ordinal();
        return values;
    }
}
