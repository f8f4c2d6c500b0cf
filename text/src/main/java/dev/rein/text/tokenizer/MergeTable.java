package dev.rein.text.tokenizer;

import java.util.Arrays;

/**
 * The BPE merges as a hash table from a pair of token ids to the merge's rank (its position in the merges
 * list: lower merges first) and the id of the merged token. Open addressing over primitive arrays keeps
 * half a million merges (Gemma 3) compact and lookups free of boxing.
 */
final class MergeTable {
    private static final long EMPTY = -1L;

    private final long[] keys;
    private final int[] ranks;
    private final int[] mergedIds;
    private final int mask;
    private int[] mergedIdOfRank = new int[16];

    /** A table with room for {@code expectedMerges} merges. */
    MergeTable(int expectedMerges) {
        int capacity = Integer.highestOneBit(Math.max(4, expectedMerges * 2 - 1)) << 1;
        keys = new long[capacity];
        ranks = new int[capacity];
        mergedIds = new int[capacity];
        mask = capacity - 1;
        Arrays.fill(keys, EMPTY);
    }

    /**
     * Records that {@code left} followed by {@code right} merge into {@code merged} with {@code rank}; a later
     * merge of the same pair replaces an earlier one, as in Hugging Face's hash map.
     */
    void put(int left, int right, int rank, int merged) {
        long key = pack(left, right);
        int slot = slotOf(key);
        keys[slot] = key;
        ranks[slot] = rank;
        mergedIds[slot] = merged;
        if (rank >= mergedIdOfRank.length) {
            mergedIdOfRank = Arrays.copyOf(mergedIdOfRank, Math.max(rank + 1, mergedIdOfRank.length * 2));
        }
        mergedIdOfRank[rank] = merged;
    }

    /** The rank of the merge of {@code left} and {@code right}, or -1 when they do not merge. */
    int rank(int left, int right) {
        int slot = slotOf(pack(left, right));
        return keys[slot] == EMPTY ? -1 : ranks[slot];
    }

    /** The merged token id of the merge of {@code left} and {@code right}, or -1 when they do not merge. */
    int mergedId(int left, int right) {
        int slot = slotOf(pack(left, right));
        return keys[slot] == EMPTY ? -1 : mergedIds[slot];
    }

    /** The merged token id of the merge with {@code rank}. */
    int mergedIdOfRank(int rank) {
        return mergedIdOfRank[rank];
    }

    private int slotOf(long key) {
        int slot = (int) mix(key) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long pack(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    /** A 64-bit finalizer (from SplitMix64) so that neighbouring ids spread over the table. */
    private static long mix(long key) {
        key = (key ^ (key >>> 33)) * 0xff51afd7ed558ccdL;
        key = (key ^ (key >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return key ^ (key >>> 33);
    }
}
