package dev.rein.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The bytes behind one or more tensors: an off-heap {@link MemorySegment}, either allocated here (zeroed,
 * 64-byte aligned, freed by the garbage collector) or wrapped around memory someone else owns, such as a
 * memory-mapped safetensors file. Views share one storage; nothing here knows shapes or dtypes.
 */
public final class Storage {
    private static final long ALIGNMENT = 64;

    private final MemorySegment segment;

    private Storage(MemorySegment segment) {
        this.segment = segment;
    }

    /** Allocates {@code byteSize} zeroed bytes managed by the garbage collector. */
    public static Storage allocate(long byteSize) {
        return new Storage(Arena.ofAuto().allocate(Math.max(byteSize, 1), ALIGNMENT));
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
