package dev.rein.eval.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaddedBatchTest {
    @Test
    void groupsLongestFirstAndPadsOnTheRight() {
        List<int[]> sequences = List.of(new int[] {5}, new int[] {6, 7, 8}, new int[] {9, 10}, new int[] {11, 12, 13});
        List<PaddedBatch> batches = PaddedBatch.split(sequences, 3);
        assertEquals(2, batches.size());

        PaddedBatch first = batches.get(0);
        assertArrayEquals(new int[] {1, 3, 2}, first.rows());
        assertArrayEquals(new long[] {6, 7, 8, 11, 12, 13, 9, 10, 9}, first.tokens().ids().toLongArray());
        assertArrayEquals(new long[] {0, 1, 2, 0, 1, 2, 0, 1, 2}, first.tokens().positions().toLongArray());
        assertArrayEquals(new boolean[] {false, false, true}, first.tokens().padding()[2]);
        assertArrayEquals(new boolean[] {false, false, false}, first.tokens().padding()[0]);

        PaddedBatch second = batches.get(1);
        assertArrayEquals(new int[] {0}, second.rows());
        assertNull(second.tokens().padding());
    }
}
