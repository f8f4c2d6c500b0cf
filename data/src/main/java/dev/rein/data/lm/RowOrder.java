package dev.rein.data.lm;

/**
 * The order {@link RowBatches} reads its rows in, each epoch: shuffled anew from a seed (training) or as given
 * (evaluation). One value instead of a seed and a boolean shuffle flag, so that a call says which order it means
 * and an unshuffled source carries no seed it does not use.
 */
public sealed interface RowOrder {

    /** A new permutation every epoch, a function of the seed and the epoch only ({@link EpochOrder#shuffled}). */
    static RowOrder shuffled(long seed) {
        return new Shuffled(seed);
    }

    /** The rows in the order given (file order), every epoch. */
    static RowOrder asGiven() {
        return new AsGiven();
    }

    /** The order of {@code rows} rows in {@code epoch}: a permutation of 0..rows-1. */
    int[] of(int rows, int epoch);

    /** See {@link #shuffled}. */
    record Shuffled(long seed) implements RowOrder {
        @Override
        public int[] of(int rows, int epoch) {
            return EpochOrder.shuffled(rows, seed, epoch);
        }
    }

    /** See {@link #asGiven}. */
    record AsGiven() implements RowOrder {
        @Override
        public int[] of(int rows, int epoch) {
            return EpochOrder.identity(rows);
        }
    }
}
