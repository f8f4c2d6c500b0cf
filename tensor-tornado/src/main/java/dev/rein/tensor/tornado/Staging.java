package dev.rein.tensor.tornado;

import dev.rein.tensor.DType;
import dev.rein.tensor.Shapes;
import dev.rein.tensor.Storage;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.cpu.CpuBackend;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.ShortArray;
import uk.ac.manchester.tornado.api.types.arrays.TornadoNativeArray;

/**
 * Moves tensors between Rein's storage and TornadoVM's arrays (off-heap too, behind a small header): the host side
 * of every launch. A tensor is written into an array in row-major order whatever its strides, converted to the
 * array's element type, by the CPU backend's copy; results are read back the same way.
 */
final class Staging {
    /** The smallest capacity of a staging array; capacities are powers of two so that plans are reused. */
    private static final int MIN_CAPACITY = 64;

    private Staging() {
    }

    /** The capacity of the array that holds n elements: the next power of two, so few distinct plans arise. */
    static int capacity(long n) {
        if (n > 1 << 30) {
            throw new IllegalArgumentException("the tornado backend handles tensors of at most 2^30 elements, got " + n);
        }
        return Math.max(MIN_CAPACITY, Integer.highestOneBit((int) Math.max(1, n - 1)) << 1);
    }

    /** A new array of {@code capacity} elements holding {@code dtype}: F32, BF16 and F16, I32 (for I64 too), BOOL. */
    static TornadoNativeArray allocate(DType dtype, int capacity) {
        return switch (dtype) {
            case F32 -> new FloatArray(capacity);
            case BF16, F16 -> new ShortArray(capacity);
            case I32, I64 -> new IntArray(capacity);
            case BOOL -> new ByteArray(capacity);
            case Q8_0, Q4_0, Q4_K, Q6_K -> throw new IllegalArgumentException("the TornadoVM backend has no kernels for "
                    + dtype + " weights; run quantised models on the CPU backend");
        };
    }

    /** The element type an array allocated for {@code dtype} holds (indices are narrowed to I32). */
    static DType storedAs(DType dtype) {
        return dtype == DType.I64 ? DType.I32 : dtype;
    }

    /** Writes {@code source} (any strides and dtype) into {@code array} in row-major order, as {@code as}. */
    static void put(Tensor source, TornadoNativeArray array, DType as) {
        CpuBackend.instance().copy(source, view(array, as, source.shape()));
    }

    /** Reads the first elements of {@code array}, held as {@code as}, into {@code target} (any strides and dtype). */
    static void take(TornadoNativeArray array, DType as, Tensor target) {
        CpuBackend.instance().copy(view(array, as, target.shape()), target);
    }

    /** A contiguous tensor of {@code shape} over the start of {@code array}'s data. */
    static Tensor view(TornadoNativeArray array, DType dtype, int[] shape) {
        return new Tensor(Storage.wrap(array.getSegment()), dtype, shape, Shapes.contiguousStrides(shape), 0);
    }
}
