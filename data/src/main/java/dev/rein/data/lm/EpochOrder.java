package dev.rein.data.lm;

import java.util.SplittableRandom;

/**
 * The order rows are read in during one epoch: a permutation that is a function of the seed and the epoch only
 * (Fisher-Yates driven by {@link SplittableRandom}, whose SplitMix64 sequence is fixed by its seed), so resuming at
 * an epoch needs no saved generator state.
 */
public final class EpochOrder {
    private EpochOrder() {
    }

    /** A permutation of 0..n-1 for this seed and epoch. */
    public static int[] shuffled(int n, long seed, int epoch) {
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L)));
        int[] order = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** 0..n-1 in order. */
    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
