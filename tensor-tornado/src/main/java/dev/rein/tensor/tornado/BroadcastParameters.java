package dev.rein.tensor.tornado;

import java.util.List;

/**
 * The int parameters of the broadcasting {@link ElementwiseKernels} (and of {@link IndexKernels#gather}) by name.
 *
 * @param count   the output's elements
 * @param op      the op code ({@code BinaryOp} ordinal), or gather's stride of the gathered dim
 * @param shape   the output's shape, at most {@link ElementwiseKernels#MAX_RANK} dims
 * @param strides each operand's strides per output dim, 0 where it is broadcast
 */
record BroadcastParameters(int count, int op, int[] shape, List<int[]> strides) {

    BroadcastParameters {
        if (shape.length > ElementwiseKernels.MAX_RANK) {
            throw new IllegalArgumentException("the tornado backend's element-wise and gather kernels handle up to "
                    + "rank " + ElementwiseKernels.MAX_RANK + ", got rank " + shape.length);
        }
        strides = List.copyOf(strides);
    }

    /** The parameters at the indices {@link ElementwiseKernels} names. */
    int[] values() {
        int[] values = new int[ElementwiseKernels.strides(strides.size())];
        values[ElementwiseKernels.COUNT] = count;
        values[ElementwiseKernels.OP] = op;
        values[ElementwiseKernels.RANK] = shape.length;
        System.arraycopy(shape, 0, values, ElementwiseKernels.SHAPE, shape.length);
        for (int i = 0; i < strides.size(); i++) {
            System.arraycopy(strides.get(i), 0, values, ElementwiseKernels.strides(i), strides.get(i).length);
        }
        return values;
    }
}
