package dev.rein.formats.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    @Test
    void sizesAreWrittenInTheLargestUnitBelowThem() {
        assertEquals("485 B", ConsoleProgress.size(485));
        assertEquals("1.0 KiB", ConsoleProgress.size(1024));
        assertEquals("14.9 KiB", ConsoleProgress.size(15_297));
        assertEquals("1020.5 KiB", ConsoleProgress.size(1_044_992));
        assertEquals("1.0 MiB", ConsoleProgress.size(1 << 20));
        assertEquals("2.3 GiB", ConsoleProgress.size(2_469_606_195L));
        assertEquals("2048.0 GiB", ConsoleProgress.size(1L << 41));
    }
}
