package dev.rein.data.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.data.batch.DataPosition;
import dev.rein.data.batch.TrainingBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batching: right padding with ignored labels, a seeded order per epoch, and positions to seek back to. */
class RowBatchesTest {
    private static final int PAD = 0;
    private static final int I = -100;

    /** Ten one-token-tagged rows: row r is [r + 1, r + 1] so a batch shows which rows it holds. */
    private static List<LmExample> rows(int n) {
        List<LmExample> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            rows.add(LmExample.plain(new int[] {r + 1, r + 1}));
        }
        return rows;
    }

    private static List<Long> firstIds(TrainingBatch batch) {
        long[] ids = batch.tokens().ids().toLongArray();
        int t = batch.tokens().length();
        List<Long> first = new ArrayList<>();
        for (int row = 0; row < batch.tokens().batchSize(); row++) {
            first.add(ids[row * t]);
        }
        return first;
    }

    @Test
    void rowsAreRightPaddedToTheLongestWithIgnoredLabels() {
        RowBatches batches = RowBatches.padded(List.of(new LmExample(new int[] {5, 6, 7}, new int[] {I, 6, 7}),
                LmExample.plain(new int[] {8, 9})), 16, PAD, 2, RowOrder.asGiven());
        TrainingBatch batch = batches.next();
        assertArrayEquals(new long[] {5, 6, 7, 8, 9, PAD}, batch.tokens().ids().toLongArray());
        assertArrayEquals(new long[] {0, 1, 2, 0, 1, 2}, batch.tokens().positions().toLongArray());
        assertArrayEquals(new long[] {I, 6, 7, 8, 9, I}, batch.labels().toLongArray());
        assertArrayEquals(new boolean[] {false, false, true}, batch.tokens().padding()[1]);
        assertEquals(5, batch.tokenCount());
        assertEquals(3, batch.targetCount(), "labels 6, 7 and 9: first positions have nothing to predict them");
    }

    @Test
    void paddedExamplesAreCutToTheLimitAndSingleTokensLeftOut() {
        RowBatches batches = RowBatches.padded(List.of(LmExample.plain(new int[] {1, 2, 3, 4}),
                LmExample.plain(new int[] {5})), 3, PAD, 4, RowOrder.asGiven());
        assertEquals(1, batches.rowCount());
        TrainingBatch batch = batches.next();
        assertArrayEquals(new long[] {1, 2, 3}, batch.tokens().ids().toLongArray());
        assertNull(batch.tokens().padding(), "no row is padded");
    }

    @Test
    void everyRowComesOncePerEpochTheLastBatchHoldingTheRest() {
        RowBatches batches = new RowBatches(rows(10), 4, PAD, RowOrder.shuffled(7));
        assertEquals(3, batches.batchesPerEpoch());
        for (int epoch = 0; epoch < 2; epoch++) {
            List<Long> seen = new ArrayList<>();
            int[] sizes = new int[3];
            for (int b = 0; b < 3; b++) {
                TrainingBatch batch = batches.next();
                sizes[b] = batch.tokens().batchSize();
                seen.addAll(firstIds(batch));
            }
            assertArrayEquals(new int[] {4, 4, 2}, sizes);
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), seen.stream().sorted().toList());
        }
        assertEquals(new DataPosition(2, 0), batches.position());
    }

    @Test
    void theOrderIsAFunctionOfSeedAndEpoch() {
        RowBatches a = new RowBatches(rows(10), 5, PAD, RowOrder.shuffled(7));
        List<List<Long>> epochs = new ArrayList<>();
        for (int b = 0; b < 6; b++) {
            epochs.add(firstIds(a.next()));
        }
        assertNotEquals(epochs.subList(0, 2), epochs.subList(2, 4), "each epoch has its own order");

        RowBatches b = new RowBatches(rows(10), 5, PAD, RowOrder.shuffled(7));
        b.seek(new DataPosition(2, 1));
        assertEquals(epochs.get(5), firstIds(b.next()), "seeking needs no replay");

        RowBatches otherSeed = new RowBatches(rows(10), 5, PAD, RowOrder.shuffled(8));
        assertNotEquals(epochs.get(0), firstIds(otherSeed.next()));
    }

    @Test
    void withoutShufflingRowsComeInFileOrder() {
        RowBatches batches = new RowBatches(rows(5), 2, PAD, RowOrder.asGiven());
        assertEquals(List.of(1L, 2L), firstIds(batches.next()));
        assertEquals(List.of(3L, 4L), firstIds(batches.next()));
        assertEquals(List.of(5L), firstIds(batches.next()));
        assertEquals(List.of(1L, 2L), firstIds(batches.next()));
    }

    @Test
    void packedBatchesAreFullBlocks() {
        RowBatches batches = RowBatches.packed(List.of(LmExample.plain(new int[] {1, 2, 3, 4, 5, 6, 7})), 0, 4, 8,
                RowOrder.asGiven());
        assertEquals(1, batches.batchesPerEpoch());
        assertEquals(Arrays.toString(new long[] {1, 2, 3, 4, 5, 6, 7, 0}),
                Arrays.toString(batches.next().tokens().ids().toLongArray()));
    }

    @Test
    void badArgumentsAreRejected() {
        RowOrder order = RowOrder.shuffled(1);
        assertThrows(IllegalArgumentException.class, () -> new RowBatches(List.of(), 2, PAD, order));
        assertThrows(IllegalArgumentException.class, () -> new RowBatches(rows(3), 0, PAD, order));
        RowBatches batches = new RowBatches(rows(3), 2, PAD, order);
        assertThrows(IllegalArgumentException.class, () -> batches.seek(new DataPosition(0, 2)));
    }
}
