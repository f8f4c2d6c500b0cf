package dev.rein.tensor.tornado;

import dev.rein.tensor.RopeConvention;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * The cos and sin multipliers of rotary embedding at the distinct positions of one call, computed on the host in
 * double precision as the CPU backend does, so that both backends rotate by the same angles: per position
 * [D] values such that {@code out[j] = x[j] cos[j] + x[partner(j)] sin[j]} (sin negated on a pair's first feature).
 *
 * @param rows the table row of each (batch, position) entry of the positions tensor
 * @param cos  [distinct positions * D]
 * @param sin  [distinct positions * D]
 */
record RopeTables(int[] rows, float[] cos, float[] sin) {

    static RopeTables of(long[] positions, float[] invFreq, RopeConvention convention) {
        long[] distinct = LongStream.of(positions).distinct().sorted().toArray();
        int[] rows = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            rows[i] = Arrays.binarySearch(distinct, positions[i]);
        }
        int half = invFreq.length;
        int d = 2 * half;
        float[] cos = new float[distinct.length * d];
        float[] sin = new float[distinct.length * d];
        for (int p = 0; p < distinct.length; p++) {
            for (int i = 0; i < half; i++) {
                double angle = distinct[p] * (double) invFreq[i];
                boolean split = convention == RopeConvention.HALF_SPLIT;
                int first = p * d + (split ? i : 2 * i);
                int second = p * d + (split ? i + half : 2 * i + 1);
                cos[first] = (float) Math.cos(angle);
                cos[second] = cos[first];
                sin[first] = (float) -Math.sin(angle);
                sin[second] = (float) Math.sin(angle);
            }
        }
        return new RopeTables(rows, cos, sin);
    }
}
