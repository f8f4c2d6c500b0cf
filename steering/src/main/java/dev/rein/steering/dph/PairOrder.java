package dev.rein.steering.dph;

import dev.rein.data.batch.DataPosition;
import dev.rein.data.lm.EpochOrder;
import java.util.Arrays;

/**
 * The order training reads pairs in: batches of {@code batchSize} pair indices, a new permutation every epoch drawn
 * from the seed ({@link EpochOrder#shuffled}), the last batch of an epoch holding the pairs left over. Its position
 * is all a checkpoint needs to continue.
 */
final class PairOrder {
    private final int pairs;
    private final int batchSize;
    private final long seed;
    private DataPosition position = DataPosition.START;

    PairOrder(int pairs, int batchSize, long seed) {
        if (pairs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("training needs pairs and a batch size of at least 1, got " + pairs
                    + " and " + batchSize);
        }
        this.pairs = pairs;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    int batchesPerEpoch() {
        return (pairs + batchSize - 1) / batchSize;
    }

    DataPosition position() {
        return position;
    }

    void seek(DataPosition target) {
        position = target;
    }

    /** The next batch's pair indices. */
    int[] next() {
        int[] order = EpochOrder.shuffled(pairs, seed, position.epoch());
        int first = position.batch() * batchSize;
        position = position.next(batchesPerEpoch());
        return Arrays.copyOfRange(order, first, Math.min(first + batchSize, pairs));
    }
}
