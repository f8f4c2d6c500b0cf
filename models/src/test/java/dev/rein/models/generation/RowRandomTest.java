package dev.rein.models.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RowRandomTest {

    /** Pins the algorithm: a change here would change every seeded generation. */
    @Test
    void aRowsGeneratorIsAFixedFunctionOfSeedAndRow() {
        assertEquals(-4911106959754773161L, RowRandom.forRow(1234, 0).nextLong());
        assertEquals(-1679919280368443341L, RowRandom.forRow(1234, 1).nextLong());
        assertEquals(-6762888573812936701L, RowRandom.forRow(1235, 0).nextLong());
    }

    @Test
    void rowsDrawIndependentlyOfEachOther() {
        RandomGenerator alone = RowRandom.forRow(7, 3);
        long[] expected = {alone.nextLong(), alone.nextLong(), alone.nextLong()};
        RandomGenerator first = RowRandom.forRow(7, 0);
        RandomGenerator fourth = RowRandom.forRow(7, 3);
        long[] interleaved = new long[3];
        for (int i = 0; i < 3; i++) {
            first.nextLong(); // another row of the same batch drawing in between changes nothing
            interleaved[i] = fourth.nextLong();
        }
        assertArrayEquals(expected, interleaved);
        assertNotEquals(RowRandom.forRow(7, 0).nextLong(), RowRandom.forRow(7, 1).nextLong());
    }

    @Test
    void rejectsNegativeRows() {
        assertThrows(IllegalArgumentException.class, () -> RowRandom.forRow(1, -1));
    }
}
