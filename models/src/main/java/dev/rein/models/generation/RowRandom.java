package dev.rein.models.generation;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The random generator of one generated sequence, a function of the request's seed and the sequence's index only:
 * sequence {@code row} of a request (0 for a single sequence, {@code 0..numReturnSequences-1} otherwise) draws from
 * an {@value #ALGORITHM} generator seeded with the {@code (row + 1)}-th output of SplitMix64 started at
 * {@code seed}. A row's samples therefore do not depend on which other rows share its batch or where it sits in
 * it: batched and unbatched generation give the same tokens for the same seeds.
 */
public final class RowRandom {
    /** The generator algorithm, one of Java's LXM generators, whose output the JDK specifies exactly. */
    public static final String ALGORITHM = "L64X128MixRandom";

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private RowRandom() {
    }

    /**
     * A fresh generator for sequence {@code row} of a request seeded with {@code seed}.
     *
     * @throws IllegalArgumentException when {@code row} is negative
     */
    public static RandomGenerator forRow(long seed, int row) {
        if (row < 0) throw new IllegalArgumentException("row must not be negative, got " + row);
        return RandomGeneratorFactory.of(ALGORITHM).create(splitMix64(seed + GOLDEN_GAMMA * (row + 1L)));
    }

    /** SplitMix64's output function (Stafford's mix 13) applied to a state. */
    private static long splitMix64(long state) {
        long z = state;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
