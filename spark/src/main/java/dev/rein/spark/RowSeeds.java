package dev.rein.spark;

import java.nio.charset.StandardCharsets;

/**
 * The sampling seed of one row of a job: a function of the job's seed and the row's key only, never of the partition,
 * the batch or the task attempt, so a row decodes the same wherever and however often Spark runs it.
 *
 * <p>A numeric key {@code k} gives {@code mix(jobSeed + GOLDEN * (k + 1))}, {@code mix} being SplitMix64's output
 * function (as {@code RowRandom}); a text key is first hashed to a number with 64-bit FNV-1a over its UTF-8 bytes.
 */
public final class RowSeeds {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private RowSeeds() {
    }

    /** The seed of the row whose key is the number {@code key} (a row index, an integral id column). */
    public static long of(long jobSeed, long key) {
        long z = jobSeed + GOLDEN_GAMMA * (key + 1);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The seed of the row whose key is the text {@code key} (a string id column). */
    public static long of(long jobSeed, String key) {
        long hash = FNV_OFFSET;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * FNV_PRIME;
        }
        return of(jobSeed, hash);
    }
}
