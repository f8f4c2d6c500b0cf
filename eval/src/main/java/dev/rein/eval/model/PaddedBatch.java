package dev.rein.eval.model;

import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Token sequences of one forward pass, right-padded to the longest: positions run 0..T-1 in every row and padded
 * positions are marked, so a real token attends exactly to the real tokens before it (a right pad comes after
 * every one of them) and its outputs equal those of the sequence run alone.
 *
 * @param tokens the batch [B, T]
 * @param rows   for each batch row, the index of its sequence in the list given to {@link #split}
 */
record PaddedBatch(TokenBatch tokens, int[] rows) {

    /**
     * The sequences in batches of at most {@code batchSize}, longest first so that each batch holds sequences of
     * similar length and little padding.
     */
    static List<PaddedBatch> split(List<int[]> sequences, int batchSize) {
        Integer[] order = IntStream.range(0, sequences.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> sequences.get(i).length).reversed());
        List<PaddedBatch> batches = new ArrayList<>();
        for (int first = 0; first < order.length; first += batchSize) {
            int[] rows = new int[Math.min(batchSize, order.length - first)];
            for (int r = 0; r < rows.length; r++) rows[r] = order[first + r];
            batches.add(of(sequences, rows));
        }
        return batches;
    }

    private static PaddedBatch of(List<int[]> sequences, int[] rows) {
        int b = rows.length;
        int t = Arrays.stream(rows).map(i -> sequences.get(i).length).max().orElseThrow();
        long[] ids = new long[b * t];
        long[] positions = new long[b * t];
        boolean[][] padding = new boolean[b][t];
        boolean padded = false;
        for (int row = 0; row < b; row++) {
            int[] sequence = sequences.get(rows[row]);
            for (int j = 0; j < t; j++) {
                boolean pad = j >= sequence.length;
                ids[row * t + j] = sequence[pad ? 0 : j];      // a pad repeats a real id; its output is never read
                positions[row * t + j] = j;
                padding[row][j] = pad;
                padded |= pad;
            }
        }
        return new PaddedBatch(new TokenBatch(Tensor.ofLongs(ids, b, t), Tensor.ofLongs(positions, b, t),
                padded ? padding : null), rows);
    }
}
