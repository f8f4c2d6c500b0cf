package dev.rein.formats;

import dev.rein.tensor.AnonymousMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Locale;

/**
 * Where the weights of a memory-mapped checkpoint file live while a model runs. Decoding a token streams every weight
 * once, so the kind of memory behind them bounds decoding speed; on the development VM the same kernel read the same
 * weights at different speeds depending on who wrote the file into the page cache (a model just written by {@code
 * rein init} decoded about three times slower than a {@code cp} of it), and cold page cache is paged out there after
 * a minute unmapped. {@link #COPY}, the default, makes the speed independent of the file's history.
 *
 * <p>The default can be changed for a whole process with the system property {@value #PROPERTY} ({@code copy} or
 * {@code mapped}), e.g. {@code REIN_JVM_OPTS=-Drein.weightMemory=mapped rein ...}.
 */
public enum WeightMemory {
    /**
     * The file is read once at load into anonymous memory advised to use transparent huge pages (2 MiB pages where the
     * kernel has them: fewer TLB misses, which on a VM are nested page walks; see {@link AnonymousMemory}), as
     * llama.cpp's {@code --no-mmap} does.
     * Costs the load time of reading the file and RAM for the copy; pages of the file are not needed afterwards.
     */
    COPY,
    /**
     * The file's pages are used in place: no load time and no copy, but pages are read on first touch and laid out as
     * the page cache holds them.
     */
    MAPPED;

    /** The system property that chooses the default. */
    public static final String PROPERTY = "rein.weightMemory";

    /** The memory chosen by {@value #PROPERTY}, {@link #COPY} when it is not set. */
    public static WeightMemory configured() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return COPY;
        }
        for (WeightMemory memory : values()) {
            if (memory.name().equalsIgnoreCase(value.strip())) {
                return memory;
            }
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": expected copy or mapped");
    }

    /**
     * The memory the kernels read for a read-only file {@code mapping} of {@code arena}: a copy in {@code arena} or the
     * mapping itself. Either way a plain native segment: the Vector API loads from a mapped segment's own class were
     * measured slower (10-13 against 16-17 GB/s streaming the same pages).
     */
    public MemorySegment residentFor(MemorySegment mapping, Arena arena) {
        MemorySegment memory;
        if (this == COPY) {
            memory = AnonymousMemory.allocate(mapping.byteSize(), arena);
            memory.copyFrom(mapping);
        } else {
            memory = MemorySegment.ofAddress(mapping.address()).reinterpret(mapping.byteSize(), arena, null);
        }
        return memory.asReadOnly();
    }

    /** The lower-case name the property and the command line use. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
