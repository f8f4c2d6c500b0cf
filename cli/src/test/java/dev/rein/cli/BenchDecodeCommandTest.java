package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.formats.WeightMemory;
import org.junit.jupiter.api.Test;

/**
 * The weight-memory and batch choices of {@code rein bench decode}: a bad value is a usage or user error, not a stack
 * trace.
 */
class BenchDecodeCommandTest {
    @Test
    void anUnknownWeightMemoryIsAUsageError() {
        assertEquals(2, Rein.run("bench", "decode", "--weight-memory", "swap"));
    }

    @Test
    void aBatchOfOneRowIsAUserError() {
        assertEquals(1, Rein.run("bench", "decode", "--batch", "1"));
    }

    @Test
    void anUnknownWeightMemoryPropertyIsAUserError() {
        System.setProperty(WeightMemory.PROPERTY, "swap");
        try {
            assertEquals(1, Rein.run("bench", "decode", "--repeats", "1"));
        } finally {
            System.clearProperty(WeightMemory.PROPERTY);
        }
    }
}
