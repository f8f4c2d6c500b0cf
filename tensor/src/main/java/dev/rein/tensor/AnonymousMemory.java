package dev.rein.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Large blocks of memory straight from the kernel ({@code mmap(MAP_ANONYMOUS)} over the FFM API), advised to use
 * transparent huge pages before their first touch. Unlike {@link Arena#allocate}, which zero-fills every byte with a
 * memset, anonymous pages arrive zeroed from the kernel as they are first touched, so memory that is about to be
 * overwritten (weights copied in at load) is written once, not twice: measured in a profile of loading a 475 MB model,
 * the memset took as long as the copy itself. Where {@code mmap} is unavailable (not Linux) it falls back to {@link
 * Arena#allocate}.
 */
public final class AnonymousMemory {
    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    private static final long MAP_FAILED = -1;
    private static final Optional<MethodHandle[]> CALLS = lookUp();

    private AnonymousMemory() {
    }

    private static Optional<MethodHandle[]> lookUp() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            var lookup = linker.defaultLookup();
            Optional<MemorySegment> mmap = lookup.find("mmap");
            Optional<MemorySegment> munmap = lookup.find("munmap");
            if (mmap.isEmpty() || munmap.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new MethodHandle[] {
                linker.downcallHandle(mmap.get(), FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_LONG)),
                linker.downcallHandle(munmap.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_LONG))});
        } catch (RuntimeException | LinkageError e) {   // native access disabled
            return Optional.empty();
        }
    }

    /**
     * {@code byteSize} bytes of zeroed memory, page aligned, freed when {@code arena} closes; advised to use huge pages
     * ({@link PageAdvice#HUGEPAGE}) before any page is touched.
     */
    public static MemorySegment allocate(long byteSize, Arena arena) {
        if (CALLS.isPresent() && byteSize > 0) {
            MethodHandle[] calls = CALLS.get();
            long address;
            try {
                address = (long) calls[0].invokeExact(0L, byteSize, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0L);
            } catch (Throwable e) {
                address = MAP_FAILED;
            }
            if (address != MAP_FAILED) {
                MethodHandle munmap = calls[1];
                MemorySegment memory = MemorySegment.ofAddress(address).reinterpret(byteSize, arena, segment -> {
                    try {
                        int ignored = (int) munmap.invokeExact(segment.address(), byteSize);
                    } catch (Throwable e) {
                        throw new IllegalStateException("munmap failed", e);
                    }
                });
                PageAdvice.advise(memory, PageAdvice.HUGEPAGE);
                return memory;
            }
        }
        MemorySegment memory = arena.allocate(byteSize, PageAdvice.HUGE_PAGE_BYTES);
        PageAdvice.advise(memory, PageAdvice.HUGEPAGE);
        return memory;
    }
}
