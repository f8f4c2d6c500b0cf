package dev.rein.tensor;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Linux {@code madvise(2)} over the FFM API: how the kernel should back a range of memory. Model weights are streamed
 * end to end once per decoded token, so how their pages are laid out decides the bandwidth a decoding step reaches:
 * on a virtual machine every TLB miss is a nested page walk, and 4 KiB pages scattered by whoever wrote the file last
 * cost far more of them than 2 MiB huge pages. Advice is a hint: where the call does not exist (not Linux) or the
 * kernel refuses it, nothing happens and the memory works as before.
 */
public final class PageAdvice {
    /** Back the range with transparent huge pages where possible. */
    public static final int HUGEPAGE = 14;
    /** Fault every page of the range in now (read), instead of on first touch (Linux 5.14+). */
    public static final int POPULATE_READ = 22;
    /** The size of a transparent huge page on x86-64 and most arm64 kernels. */
    public static final long HUGE_PAGE_BYTES = 2L << 20;
    private static final long PAGE_BYTES = 4096;

    private static final Optional<MethodHandle> MADVISE = lookUp();

    private PageAdvice() {
    }

    private static Optional<MethodHandle> lookUp() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("madvise").map(address -> linker.downcallHandle(address,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT)));
        } catch (RuntimeException | LinkageError e) {   // native access disabled, or no such symbol
            return Optional.empty();
        }
    }

    /**
     * Gives {@code advice} for the whole pages inside {@code segment} (a native segment); returns whether the kernel
     * accepted it (false where madvise is unavailable).
     */
    public static boolean advise(MemorySegment segment, int advice) {
        if (MADVISE.isEmpty() || !segment.isNative()) {
            return false;
        }
        long start = (segment.address() + PAGE_BYTES - 1) / PAGE_BYTES * PAGE_BYTES;
        long end = (segment.address() + segment.byteSize()) / PAGE_BYTES * PAGE_BYTES;
        if (end <= start) {
            return false;
        }
        try {
            return (int) MADVISE.get().invokeExact(MemorySegment.ofAddress(start), end - start, advice) == 0;
        } catch (Throwable e) {
            return false;
        }
    }
}
