package dev.rein.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Recycles the off-heap memory of large tensors. Fresh memory costs far more than its size suggests: the operating
 * system maps and zeroes every page on first touch (measured on the 2-core development VM: about 1 GB/s, against
 * 12-18 GB/s to zero memory that is already mapped), and a training step allocates gigabytes of activations and
 * gradients. So a request of at least {@link #MIN_POOLED} bytes is served, zeroed again, from a segment of the same
 * size that an earlier tensor no longer uses; only when none is free is new memory allocated.
 *
 * <p>A segment comes back when the segment object handed out (which its {@link Storage} and every kernel working
 * on it hold) becomes unreachable, as a garbage collection finds. Off-heap memory does not fill the Java heap, so
 * collections can be rare; once {@link #GC_BUDGET} bytes have been handed out since the last one and a request
 * finds nothing free, the pool asks for one ({@code System.gc()}, as the JDK itself does when direct memory runs
 * short) and takes back what it found. At most {@link #MAX_FREE_BYTES} are kept free; beyond that, and when
 * the JVM's direct-memory limit is reached, free segments are dropped and the JVM frees them.
 */
final class StoragePool {
    /** Smaller requests go straight to a fresh arena: the C allocator reuses small blocks without new pages. */
    static final long MIN_POOLED = 256 * 1024;
    /** Bytes handed out between collections the pool asks for. */
    private static final long GC_BUDGET = 1L << 30;
    /** Free bytes kept for reuse. */
    private static final long MAX_FREE_BYTES = 4L << 30;
    private static final long ALIGNMENT = 64;
    /** How long to wait after a collection for the first segment to come back. */
    private static final long RETURN_WAIT_MILLIS = 20;

    static final StoragePool INSTANCE = new StoragePool(GC_BUDGET, MAX_FREE_BYTES);

    private final Map<Long, ArrayDeque<MemorySegment>> free = new HashMap<>();
    private final ReferenceQueue<MemorySegment> returned = new ReferenceQueue<>();
    /** The references themselves must stay reachable until they are enqueued. */
    private final Set<Lease> leases = new HashSet<>();
    private final long gcBudget;
    private final long maxFreeBytes;
    private long freeBytes;
    private long handedOutSinceGc;

    /** A pool asking for a collection after {@code gcBudget} bytes handed out, keeping up to {@code maxFreeBytes}. */
    StoragePool(long gcBudget, long maxFreeBytes) {
        this.gcBudget = gcBudget;
        this.maxFreeBytes = maxFreeBytes;
    }

    /** A handed-out segment: when it becomes unreachable, {@code backing} goes back to the free list. */
    private static final class Lease extends PhantomReference<MemorySegment> {
        final MemorySegment backing;

        Lease(MemorySegment handedOut, MemorySegment backing, ReferenceQueue<MemorySegment> queue) {
            super(handedOut, queue);
            this.backing = backing;
        }
    }

    /** {@code byteSize} zeroed bytes (at least {@link #MIN_POOLED}), 64-byte aligned. */
    synchronized MemorySegment allocate(long byteSize) {
        takeBackReturned();
        MemorySegment backing = takeFree(byteSize);
        if (backing == null && handedOutSinceGc >= gcBudget) {
            collect();
            backing = takeFree(byteSize);
        }
        if (backing == null) {
            backing = allocateFresh(byteSize);
        } else {
            backing.fill((byte) 0);
        }
        handedOutSinceGc += byteSize;
        MemorySegment handedOut = backing.asSlice(0, byteSize);
        leases.add(new Lease(handedOut, backing, returned));
        return handedOut;
    }

    private MemorySegment takeFree(long byteSize) {
        ArrayDeque<MemorySegment> sameSize = free.get(byteSize);
        if (sameSize == null || sameSize.isEmpty()) {
            return null;
        }
        freeBytes -= byteSize;
        return sameSize.pop();
    }

    private MemorySegment allocateFresh(long byteSize) {
        try {
            return Arena.ofAuto().allocate(byteSize, ALIGNMENT);
        } catch (OutOfMemoryError directMemoryLimit) {
            // drop what is free, so that the JVM's own collect-and-retry can release it
            dropFree(0);
            return Arena.ofAuto().allocate(byteSize, ALIGNMENT);
        }
    }

    /** Collects garbage and takes back the segments of the tensors it found unreachable. */
    private void collect() {
        handedOutSinceGc = 0;
        System.gc();
        try {
            Reference<? extends MemorySegment> first = returned.remove(RETURN_WAIT_MILLIS);
            if (first != null) {
                takeBack((Lease) first);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        takeBackReturned();
    }

    private void takeBackReturned() {
        Reference<? extends MemorySegment> r;
        while ((r = returned.poll()) != null) {
            takeBack((Lease) r);
        }
    }

    private void takeBack(Lease lease) {
        leases.remove(lease);
        long size = lease.backing.byteSize();
        free.computeIfAbsent(size, s -> new ArrayDeque<>()).push(lease.backing);
        freeBytes += size;
        dropFree(maxFreeBytes);
    }

    /** Drops free segments until at most {@code keep} bytes are free. */
    private void dropFree(long keep) {
        Iterator<ArrayDeque<MemorySegment>> sizes = free.values().iterator();
        while (freeBytes > keep && sizes.hasNext()) {
            ArrayDeque<MemorySegment> sameSize = sizes.next();
            while (freeBytes > keep && !sameSize.isEmpty()) {
                freeBytes -= sameSize.pop().byteSize();
            }
            if (sameSize.isEmpty()) {
                sizes.remove();
            }
        }
    }
}
