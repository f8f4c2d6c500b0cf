package dev.rein.tensor.tornado;

import static dev.rein.tensor.tornado.DeviceComparison.assertClose;
import static dev.rein.tensor.tornado.DeviceComparison.cpu;
import static dev.rein.tensor.tornado.DeviceComparison.device;

import dev.rein.tensor.DType;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Storage;
import dev.rein.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Matrix products against the CPU backend, with F32, BF16 and F16 weights: the tiled kernel (weights staged per
 * call, batched, a transposed weight view, a broadcast batch) and the resident one (a weight in read-only memory, as
 * a mapped checkpoint is, kept on the device; more rows than one launch takes). Sizes are not multiples of the
 * tile. Sums of 300 products in another order: absolute 1e-4 plus relative 1e-5.
 */
class MatMulOnDeviceTest {
    private static final double ABSOLUTE = 1e-4;
    private static final double RELATIVE = 1e-5;

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "BF16", "F16"})
    void tiledBatchedProductMatchesCpu(DType weightType) {
        Tensor a = new TensorRandom(1).normal(0f, 1f, 3, 37, 300);
        Tensor w = new TensorRandom(2).normal(0f, 1f, 3, 300, 45).to(weightType);
        compare("matmul tiled " + weightType, a, w);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "BF16", "F16"})
    void tiledProductWithTransposedBroadcastWeightMatchesCpu(DType weightType) {
        Tensor a = new TensorRandom(3).normal(0f, 1f, 2, 20, 300);
        Tensor stored = new TensorRandom(4).normal(0f, 1f, 70, 300).to(weightType);      // [out, in] as a Linear holds it
        Tensor w = stored.mT().unsqueeze(0).expand(2, 300, 70);
        compare("matmul tiled " + weightType + " transposed, broadcast", a, w);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "BF16", "F16"})
    void residentWeightProductMatchesCpu(DType weightType) {
        Tensor stored = readOnly(new TensorRandom(5).normal(0f, 1f, 70, 300).to(weightType));
        Tensor w = stored.mT().unsqueeze(0);                                       // [1, 300, 70]
        for (int rows : new int[] {1, 37}) {
            Tensor a = new TensorRandom(6 + rows).normal(0f, 1f, 1, rows, 300);
            compare("matmul resident " + weightType + " rows=" + rows, a, w);
        }
    }

    private static void compare(String what, Tensor a, Tensor w) {
        int batch = Math.max(a.size(0), w.size(0));
        Tensor expected = Tensor.zeros(batch, a.size(1), w.size(2));
        Tensor actual = Tensor.zeros(batch, a.size(1), w.size(2));
        cpu().matmul(a, w, expected);
        device().matmul(a, w, actual);
        assertClose(what, expected, actual, ABSOLUTE, RELATIVE);
    }

    /** The same values in read-only memory, as a memory-mapped checkpoint's tensors are. */
    static Tensor readOnly(Tensor t) {
        Tensor c = t.contiguous();
        return new Tensor(Storage.wrap(c.storage().segment().asReadOnly()), c.dtype(), c.shape(), c.strides(),
                c.offset());
    }
}
