package dev.rein.tensor.tornado;

import static dev.rein.tensor.tornado.DeviceComparison.assertClose;
import static dev.rein.tensor.tornado.DeviceComparison.cpu;
import static dev.rein.tensor.tornado.DeviceComparison.device;

import dev.rein.tensor.DType;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Embedding rows (a table staged per call, and one kept on the device) and gather, exactly as the CPU backend. */
class IndexingOnDeviceTest {

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "BF16", "F16"})
    void indexSelectRowsMatchesCpu(DType tableType) {
        Tensor table = new TensorRandom(1).normal(0f, 1f, 50, 24).to(tableType);
        long[] picks = new long[300];
        for (int i = 0; i < picks.length; i++) {
            picks[i] = (i * 7L) % 50;
        }
        Tensor ids = Tensor.ofLongs(picks, picks.length);
        for (Tensor t : new Tensor[] {table, MatMulOnDeviceTest.readOnly(table)}) {
            Tensor expected = Tensor.zeros(300, 24);
            Tensor actual = Tensor.zeros(300, 24);
            cpu().indexSelectRows(t, ids, expected);
            device().indexSelectRows(t, ids, actual);
            boolean kept = t.storage().segment().isReadOnly();
            assertClose("indexSelectRows " + tableType + (kept ? " resident" : " staged"), expected, actual, 0, 0);
        }
    }

    @Test
    void gatherAlongEachDimMatchesCpu() {
        Tensor x = new TensorRandom(2).normal(0f, 1f, 4, 5, 6);
        for (int dim = 0; dim < 3; dim++) {
            int[] shape = {3, 4, 5};
            int size = x.size(dim);
            int[] picks = new int[60];
            for (int i = 0; i < picks.length; i++) {
                picks[i] = (i * 3 + dim) % size;
            }
            Tensor index = Tensor.ofInts(picks, shape);
            Tensor expected = Tensor.zeros(shape);
            Tensor actual = Tensor.zeros(shape);
            cpu().gather(x, dim, index, expected);
            device().gather(x, dim, index, actual);
            assertClose("gather dim " + dim, expected, actual, 0, 0);
        }
    }
}
