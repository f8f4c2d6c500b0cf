package dev.rein.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The bytes behind one or more tensors: an off-heap {@link MemorySegment}, either allocated here (zeroed,
 * 64-byte aligned, released once unreachable) or wrapped around memory someone else owns, such as a
 * memory-mapped safetensors file. Views share one storage; nothing here knows shapes or dtypes. Large allocations
 * reuse the memory of tensors no longer used ({@link StoragePool}), so code must keep the segment (or a tensor
 * over it) reachable for as long as it reads or writes it, not only a slice derived from it.
 */
public final class Storage {
    private static final long ALIGNMENT = 64;

    private final MemorySegment segment;

    private Storage(MemorySegment segment) {
        this.segment = segment;
    }

    /** Allocates {@code byteSize} zeroed bytes, released (or reused) once no longer reachable. */
    public static Storage allocate(long byteSize) {
        if (byteSize >= StoragePool.MIN_POOLED) {
            return new Storage(StoragePool.INSTANCE.allocate(byteSize));
        }
        return new Storage(Arena.ofAuto().allocate(Math.max(byteSize, 1), ALIGNMENT));
    }

    /**
     * Bytes of new memory this process has allocated so far for large storages (those not served from the memory of
     * dropped tensors): a counter for benchmarks, since new pages cost far more than reused ones.
     */
    public static long pooledBytesAllocated() {
        return StoragePool.INSTANCE.newBytes();
    }

    /** Wraps existing memory without copying (for example a mapped file region). */
    public static Storage wrap(MemorySegment segment) {
        return new Storage(segment);
    }

    public MemorySegment segment() {
        return segment;
    }

    public long byteSize() {
        return segment.byteSize();
    }
}
