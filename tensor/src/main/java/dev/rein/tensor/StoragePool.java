package dev.rein.tensor;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.management.ManagementFactory;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Recycles the off-heap memory of large tensors. Fresh memory costs far more than its size suggests: the operating
 * system maps and zeroes every page on first touch (measured on the 2-core development VM: about 1 GB/s, against
 * 12-18 GB/s to zero memory that is already mapped), and a training step allocates gigabytes of activations and
 * gradients. So a request of at least {@link #MIN_POOLED} bytes is served, zeroed again, from a block that an
 * earlier tensor no longer uses; only when none is free is new memory allocated.
 *
 * <p>Blocks come in size classes (eight per power of two, so at most 12.5% larger than asked); a request takes a
 * free block of its class, else the smallest free one of at most twice its class, else a new one. A block comes back
 * when the segment handed out over it (which its {@link Storage} and every kernel working on it hold) becomes
 * unreachable, as a garbage collection finds. Off-heap memory does not fill the Java heap, so collections can be
 * rare; when a request finds nothing free and the bytes handed out since the last collection would pass
 * {@link #GC_BUDGET}, the pool asks for one ({@code System.gc()}, as the JDK does itself when direct memory runs
 * short) and takes back what it found; below the budget it allocates new memory instead. The budget therefore also
 * bounds how far the pool grows beyond the memory in use: a workload that drops what it allocates (a prompt pass
 * hands out ~170 MB of activations on GPT-2 124M at 256 tokens) settles at about the budget within a pass or two,
 * after which it takes no new pages (measured: a collection of this process costs 25-60 ms, new pages 0.3-0.4 GB/s
 * on the shared VM, so 128 MB of them took longer than three collections). Each block has its own arena, so a free block the pool drops is freed at once: it drops them
 * beyond {@link #MAX_FREE_BYTES}, and before free and handed-out blocks together would pass the JVM's direct-memory
 * limit, which they count against.
 */
final class StoragePool {
    /** Smaller requests go straight to a fresh arena: the C allocator reuses small blocks without new pages. */
    static final long MIN_POOLED = 256 * 1024;
    /** Bytes handed out between collections the pool asks for. */
    private static final long GC_BUDGET = 256L << 20;
    /** Free bytes kept for reuse, at most. */
    private static final long MAX_FREE_BYTES = 4L << 30;
    /** Share of the JVM's direct-memory limit that pooled memory, free or in use, may take before free is dropped. */
    private static final double LIMIT_SHARE = 0.9;
    /** Size classes per power of two. */
    private static final int CLASS_STEPS = 8;
    private static final long ALIGNMENT = 64;
    /** How long to wait after a collection for the first segment to come back. */
    private static final long RETURN_WAIT_MILLIS = 20;

    static final StoragePool INSTANCE = new StoragePool(GC_BUDGET,
            Math.min(MAX_FREE_BYTES, directMemoryLimit() / 2), (long) (LIMIT_SHARE * directMemoryLimit()));

    private final NavigableMap<Long, ArrayDeque<Block>> free = new TreeMap<>();
    private final ReferenceQueue<MemorySegment> returned = new ReferenceQueue<>();
    /** The references themselves must stay reachable until they are enqueued. */
    private final Set<Lease> leases = new HashSet<>();
    private final long gcBudget;
    private final long maxFreeBytes;
    private final long maxPooledBytes;
    private long freeBytes;
    private long leasedBytes;
    private long handedOutSinceGc;
    private long newBytes;

    /**
     * A pool that, when a request finds nothing free, collects first if the bytes handed out since the last
     * collection would pass {@code gcBudget}; it keeps up to {@code maxFreeBytes} free, and drops free memory rather
     * than let free and handed-out memory together pass {@code maxPooledBytes}.
     */
    StoragePool(long gcBudget, long maxFreeBytes, long maxPooledBytes) {
        this.gcBudget = gcBudget;
        this.maxFreeBytes = maxFreeBytes;
        this.maxPooledBytes = maxPooledBytes;
    }

    /**
     * The JVM's limit on direct memory, which every segment of an automatic arena counts against: the
     * {@code -XX:MaxDirectMemorySize} setting, or by default the maximum heap size.
     */
    private static long directMemoryLimit() {
        String setting = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("MaxDirectMemorySize").getValue();
        long limit = Long.parseLong(setting);
        return limit > 0 ? limit : Runtime.getRuntime().maxMemory();
    }

    /** Memory of one size class in its own arena, so that dropping it from the pool frees it at once. */
    private record Block(Arena arena, MemorySegment segment) {
        long size() {
            return segment.byteSize();
        }
    }

    /** A handed-out segment: when it becomes unreachable, its block goes back to the free list. */
    private static final class Lease extends PhantomReference<MemorySegment> {
        final Block block;

        Lease(MemorySegment handedOut, Block block, ReferenceQueue<MemorySegment> queue) {
            super(handedOut, queue);
            this.block = block;
        }
    }

    /** {@code byteSize} zeroed bytes (at least {@link #MIN_POOLED}), 64-byte aligned. */
    synchronized MemorySegment allocate(long byteSize) {
        long size = sizeClass(byteSize);
        takeBackReturned();
        Block block = takeFree(size);
        if (block == null && handedOutSinceGc + size > gcBudget) {
            collect();
            block = takeFree(size);
        }
        MemorySegment handedOut;
        if (block == null) {
            dropFree(Math.min(freeBytes, maxPooledBytes - leasedBytes - size));
            block = allocateFresh(size);
            newBytes += size;
            handedOut = block.segment().asSlice(0, byteSize);
        } else {
            handedOut = block.segment().asSlice(0, byteSize);
            handedOut.fill((byte) 0);
        }
        handedOutSinceGc += block.size();
        leasedBytes += block.size();
        leases.add(new Lease(handedOut, block, returned));
        return handedOut;
    }

    /** Bytes of new memory allocated so far (each block once, dropped ones included). */
    synchronized long newBytes() {
        return newBytes;
    }

    /** {@code byteSize} rounded up to its class: 2^k * (1 + j / CLASS_STEPS). */
    static long sizeClass(long byteSize) {
        int power = 63 - Long.numberOfLeadingZeros(byteSize);
        long step = Math.max(1, (1L << power) / CLASS_STEPS);
        return (byteSize + step - 1) / step * step;
    }

    /** A free block of class {@code size}, else the smallest one of at most twice it, else null. */
    private Block takeFree(long size) {
        for (Map.Entry<Long, ArrayDeque<Block>> entry : free.subMap(size, true, 2 * size, true).entrySet()) {
            ArrayDeque<Block> sameSize = entry.getValue();
            if (!sameSize.isEmpty()) {
                freeBytes -= entry.getKey();
                return sameSize.pop();
            }
        }
        return null;
    }

    private static Block allocateFresh(long size) {
        Arena arena = Arena.ofShared();
        try {
            return new Block(arena, arena.allocate(size, ALIGNMENT));
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
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
        long size = lease.block.size();
        leasedBytes -= size;
        free.computeIfAbsent(size, s -> new ArrayDeque<>()).push(lease.block);
        freeBytes += size;
        dropFree(maxFreeBytes);
    }

    /** Frees free blocks, largest classes first, until at most {@code keep} bytes are free. */
    private void dropFree(long keep) {
        Iterator<Map.Entry<Long, ArrayDeque<Block>>> classes = free.descendingMap().entrySet().iterator();
        while (freeBytes > keep && classes.hasNext()) {
            Map.Entry<Long, ArrayDeque<Block>> entry = classes.next();
            ArrayDeque<Block> sameSize = entry.getValue();
            while (freeBytes > keep && !sameSize.isEmpty()) {
                sameSize.pop().arena().close();
                freeBytes -= entry.getKey();
            }
            if (sameSize.isEmpty()) {
                classes.remove();
            }
        }
    }
}
