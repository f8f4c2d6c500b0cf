package dev.rein.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WeightMemoryTest {
    @AfterEach
    void clear() {
        System.clearProperty(WeightMemory.PROPERTY);
    }

    @Test
    void copiesByDefaultAndReadsThePropertyInAnyCase() {
        assertEquals(WeightMemory.COPY, WeightMemory.configured());
        System.setProperty(WeightMemory.PROPERTY, "Mapped");
        assertEquals(WeightMemory.MAPPED, WeightMemory.configured());
    }

    @Test
    void anUnknownValueNamesThePropertyAndTheChoices() {
        System.setProperty(WeightMemory.PROPERTY, "swap");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, WeightMemory::configured);
        assertEquals("-Drein.weightMemory=swap: expected copy or mapped", e.getMessage());
    }
}
