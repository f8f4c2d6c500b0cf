package dev.rein.tensor.tornado;

import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.ShortArray;

/**
 * A weight matrix laid out for {@link MatMulKernels#columns}: [in, out] row-major, so that the work-items of adjacent
 * outputs read adjacent elements; F32 values in {@code wide}, or BF16/F16 bits in {@code narrow} (widened in the
 * kernel), the other array a one-element placeholder.
 *
 * @param dtype the kernel's dtype code (0 for F32)
 */
record DeviceMatrix(FloatArray wide, ShortArray narrow, int dtype, int in, int out) {

    /** The device layout of {@code weight} [out, in] (any strides and float dtype), as a Linear holds it. */
    static DeviceMatrix of(Tensor weight) {
        Tensor columns = weight.mT();                                    // [in, out]
        int in = columns.size(0);
        int out = columns.size(1);
        int elements = Math.multiplyExact(in, out);
        if (weight.dtype() == DType.F32) {
            FloatArray wide = new FloatArray(elements);
            Staging.put(columns, wide, DType.F32);
            return new DeviceMatrix(wide, new ShortArray(1), 0, in, out);
        }
        ShortArray narrow = new ShortArray(elements);
        Staging.put(columns, narrow, weight.dtype());
        return new DeviceMatrix(new FloatArray(1), narrow,
                weight.dtype() == DType.BF16 ? DeviceMath.BF16 : DeviceMath.F16, in, out);
    }
}
