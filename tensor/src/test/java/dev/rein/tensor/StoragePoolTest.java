package dev.rein.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** Large storages: memory of unreachable tensors is handed out again, zeroed. */
class StoragePoolTest {

    @Test
    void aSegmentNoLongerReachableComesBackZeroedForTheNextRequestOfItsSize() {
        StoragePool pool = new StoragePool(0, 1L << 30, 1L << 40);   // budget 0: every request that finds nothing free collects
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
    void sizesRoundUpToEightClassesPerPowerOfTwo() {
        assertEquals(1L << 20, StoragePool.sizeClass(1L << 20));
        assertEquals((1L << 20) + (1L << 17), StoragePool.sizeClass((1L << 20) + 1));
        assertEquals(7L << 20, StoragePool.sizeClass(768L * 2304 * 4));     // 6.75 MiB
        assertEquals(416L << 20, StoragePool.sizeClass(2048L * 50257 * 4)); // 392.6 MiB
    }

    @Test
    void aRequestMayTakeAFreeSegmentUpToTwiceItsSize() {
        StoragePool pool = new StoragePool(0, 1L << 30, 1L << 40);
        long big = 2 * StoragePool.MIN_POOLED;
        long address = dirty(pool, big);
        MemorySegment smaller = null;
        for (int attempt = 0; attempt < 10 && (smaller == null || smaller.address() != address); attempt++) {
            smaller = pool.allocate(big * 3 / 4);
        }
        assertEquals(address, smaller.address(), "the larger free segment served the smaller request");
        assertEquals(big * 3 / 4, smaller.byteSize());
    }

    @Test
    void aRequestThatWouldPassTheBudgetCollectsAndReusesWhatWasDropped() {
        long size = StoragePool.MIN_POOLED;
        StoragePool pool = new StoragePool(5 * size / 2, 1L << 30, 1L << 40);
        long first = dirty(pool, size);
        long second = dirty(pool, size);
        MemorySegment again = null;
        for (int attempt = 0; attempt < 10 && (again == null || again.address() != first && again.address() != second);
                attempt++) {
            again = pool.allocate(size);   // the first attempt would pass 5/2 sizes handed out: it collects
        }
        assertTrue(again.address() == first || again.address() == second, "a dropped segment was handed out again");
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
