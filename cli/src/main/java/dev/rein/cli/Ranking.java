package dev.rein.cli;

/** The positions of the largest values of an array, for top tokens and most attended positions. */
final class Ranking {
    private Ranking() {
    }

    /** The indices of the {@code k} largest values, largest first (ties: lower index first). */
    static int[] largest(float[] values, int k) {
        int n = Math.min(k, values.length);
        int[] best = new int[n];
        int filled = 0;
        for (int i = 0; i < values.length; i++) {
            if (filled == n && !(values[i] > values[best[n - 1]])) {
                continue;
            }
            int slot = Math.min(filled, n - 1);
            while (slot > 0 && values[i] > values[best[slot - 1]]) {
                best[slot] = best[slot - 1];
                slot--;
            }
            best[slot] = i;
            filled = Math.min(filled + 1, n);
        }
        return best;
    }
}
