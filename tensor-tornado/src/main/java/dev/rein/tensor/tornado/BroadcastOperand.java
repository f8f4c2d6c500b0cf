package dev.rein.tensor.tornado;

import dev.rein.tensor.Tensor;

/**
 * An operand broadcast to an output's shape, as the kernels read it: its values without the repeats (each
 * stride-0 dim narrowed to one element, so a bias is staged once, not once per row) and the per-dim strides into
 * that compact copy, 0 on the broadcast dims.
 *
 * @param compact the operand with every stride-0 dim cut to size 1
 * @param strides element strides into {@code compact} staged row-major, per output dim
 */
record BroadcastOperand(Tensor compact, int[] strides) {

    static BroadcastOperand of(Tensor operand) {
        Tensor compact = operand;
        int rank = operand.rank();
        for (int d = 0; d < rank; d++) {
            if (operand.stride(d) == 0 && operand.size(d) > 1) {
                compact = compact.narrow(d, 0, 1);
            }
        }
        int[] strides = new int[rank];
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            strides[d] = compact.size(d) == 1 ? 0 : stride;
            stride *= compact.size(d);
        }
        return new BroadcastOperand(compact, strides);
    }
}
