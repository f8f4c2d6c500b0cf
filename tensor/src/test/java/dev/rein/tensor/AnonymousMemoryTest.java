package dev.rein.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class AnonymousMemoryTest {
    @Test
    void zeroedWritableAndGoneWithItsArena() {
        long size = 3 * PageAdvice.HUGE_PAGE_BYTES + 123;
        MemorySegment memory;
        try (Arena arena = Arena.ofConfined()) {
            memory = AnonymousMemory.allocate(size, arena);
            assertEquals(size, memory.byteSize());
            assertEquals(0, memory.address() % 4096, "page aligned");
            for (long at = 0; at < size; at += 4096) {
                assertEquals(0, memory.get(ValueLayout.JAVA_BYTE, at));
            }
            memory.set(ValueLayout.JAVA_LONG_UNALIGNED, size - 8, 0x0123456789ABCDEFL);
            assertEquals(0x0123456789ABCDEFL, memory.get(ValueLayout.JAVA_LONG_UNALIGNED, size - 8));
        }
        MemorySegment closed = memory;
        assertThrows(IllegalStateException.class, () -> closed.get(ValueLayout.JAVA_BYTE, 0));
    }
}
