package dev.rein.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** Large storages: memory of unreachable tensors is handed out again, zeroed. */
class StoragePoolTest {

    @Test
    void aSegmentNoLongerReachableComesBackZeroedForTheNextRequestOfItsSize() {
        StoragePool pool = new StoragePool(0, 1L << 30);   // budget 0: every request that finds nothing free collects
        long size = StoragePool.MIN_POOLED + 64;
        long address = dirty(pool, size);
        MemorySegment again = null;
        for (int attempt = 0; attempt < 10 && (again == null || again.address() != address); attempt++) {
            again = pool.allocate(size);
        }
        assertEquals(address, again.address(), "the first segment was handed out again");
        assertEquals(size, again.byteSize());
        for (long i = 0; i < size; i++) {
            assertEquals(0, again.get(ValueLayout.JAVA_BYTE, i), "byte " + i);
        }
    }

    /** Allocates a segment, fills it with ones and drops it; returns its address. */
    private static long dirty(StoragePool pool, long size) {
        MemorySegment segment = pool.allocate(size);
        segment.fill((byte) 1);
        return segment.address();
    }

    @Test
    void largeTensorsStartAsZeros() {
        for (int i = 0; i < 3; i++) {
            Tensor t = Tensor.zeros(1 << 17);                     // 512 KiB: pooled
            assertEquals(0f, t.sum().item());
            t.copyFrom(Tensor.scalar(1f));
        }
    }
}
