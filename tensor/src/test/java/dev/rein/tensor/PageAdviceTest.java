package dev.rein.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class PageAdviceTest {
    @Test
    void linuxAcceptsHugePageAndPopulateAdviceAndTheMemoryKeepsItsBytes() {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "madvise is Linux advice");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(2 * PageAdvice.HUGE_PAGE_BYTES, PageAdvice.HUGE_PAGE_BYTES);
            assertTrue(PageAdvice.advise(memory, PageAdvice.HUGEPAGE));
            memory.fill((byte) 7);
            assertTrue(PageAdvice.advise(memory, PageAdvice.POPULATE_READ));
            assertEquals(7, memory.get(java.lang.foreign.ValueLayout.JAVA_BYTE, memory.byteSize() - 1));
        }
    }

    @Test
    void heapMemoryAndRangesWithoutAWholePageAreLeftAlone() {
        assertFalse(PageAdvice.advise(MemorySegment.ofArray(new byte[8192]), PageAdvice.HUGEPAGE));
        try (Arena arena = Arena.ofConfined()) {
            assertFalse(PageAdvice.advise(arena.allocate(100, 8).asSlice(1), PageAdvice.HUGEPAGE));
        }
    }
}
