package dev.rein.tensor.cpu;

import dev.rein.tensor.RopeConvention;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.Elements;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.LongStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Rotary position embedding with the Vector API: cos/sin come from a table computed once per distinct
 * position (in double precision) and shared by every head and batch row; the rotation is vectorised when the
 * head dim is unit-stride.
 */
final class CpuRope {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Lane i takes lane i ^ 1: the partner of each feature in an interleaved rope pair. */
    private static final VectorShuffle<Float> SWAP_PAIRS = VectorShuffle.fromOp(F, i -> i ^ 1);
    /** The most recent rope table (immutable once published), reused while the positions stay the same. */
    private static volatile RopeTable lastRopeTable;

    private CpuRope() {
    }

    /**
     * out = rope(x): x [B, H, T, D] any strides, positions [B, T] I64, invFreq [D/2], out [B, H, T, D]
     * contiguous. cos/sin are computed once per distinct position and shared by every head and batch row.
     */
    static void rope(Tensor x, Tensor positions, Tensor invFreq, RopeConvention convention, Tensor out) {
        int b = x.size(0);
        int h = x.size(1);
        int t = x.size(2);
        int d = x.size(3);
        long[] pos = positions.toLongArray(); // [b * t]
        long[] distinct = LongStream.of(pos).distinct().sorted().toArray();
        int[] tableRow = new int[pos.length]; // [b * t] -> row of the table
        for (int i = 0; i < pos.length; i++) {
            tableRow[i] = Arrays.binarySearch(distinct, pos[i]);
        }
        RopeTable table = ropeTable(distinct, invFreq.toFloatArray(), convention);
        MemorySegment xs = x.storage().segment();
        MemorySegment os = out.storage().segment();
        long sD = x.stride(3);
        Parallel.forRange(b * h * t, 4L * d, (s, e) -> {
            for (int r = s; r < e; r++) {
                int bi = r / (h * t);
                int hi = (r / t) % h;
                int ti = r % t;
                long in = x.offset() + bi * x.stride(0) + hi * x.stride(1) + ti * x.stride(2);
                long o = out.offset() + (long) r * d;
                int row = tableRow[bi * t + ti] * d;
                if (sD != 1) {
                    table.rotateScalar(xs, in, sD, os, o, row, 0, d);
                } else if (convention == RopeConvention.HALF_SPLIT) {
                    table.rotateHalfSplit(xs, in, os, o, row);
                } else {
                    table.rotateInterleaved(xs, in, os, o, row);
                }
            }
        });
    }

    /**
     * The table for these positions and frequencies: the last one built when it matches (a model applies
     * rope to q and k of every layer at the same positions), else a new one, which then replaces it.
     */
    private static RopeTable ropeTable(long[] positions, float[] invFreq, RopeConvention convention) {
        RopeTable last = lastRopeTable;
        if (last != null && last.convention() == convention && Arrays.equals(last.positions(), positions)
                && Arrays.equals(last.invFreq(), invFreq)) {
            return last;
        }
        RopeTable table = RopeTable.of(positions, invFreq, convention);
        lastRopeTable = table;
        return table;
    }

    /**
     * Per-feature multipliers for rope at a set of positions, [positions, D] each, such that
     * {@code out[j] = x[j] * cos[j] + x[partner(j)] * sin[j]}: sin carries the sign (-sin on the first feature
     * of a pair, +sin on the second), so both conventions and every code path do the same two products and sum.
     */
    private record RopeTable(long[] positions, float[] invFreq, RopeConvention convention, int d, float[] cos,
            float[] sin) {
        static RopeTable of(long[] positions, float[] invFreq, RopeConvention convention) {
            int half = invFreq.length;
            int d = 2 * half;
            double[] freq = new double[half];
            for (int i = 0; i < half; i++) {
                freq[i] = invFreq[i];
            }
            float[] cos = new float[positions.length * d];
            float[] sin = new float[positions.length * d];
            Parallel.forRange(positions.length, 20L * half, (s, e) -> {
                double[] c = new double[half];
                double[] sn = new double[half];
                for (int p = s; p < e; p++) {
                    angles(positions[p], freq, c, sn);
                    for (int i = 0; i < half; i++) {
                        int first = p * d + (convention == RopeConvention.HALF_SPLIT ? i : 2 * i);
                        int second = p * d + (convention == RopeConvention.HALF_SPLIT ? i + half : 2 * i + 1);
                        cos[first] = (float) c[i];
                        cos[second] = (float) c[i];
                        sin[first] = (float) -sn[i];
                        sin[second] = (float) sn[i];
                    }
                }
            });
            return new RopeTable(positions, invFreq, convention, d, cos, sin);
        }

        /**
         * cos[i], sin[i] of the angle position * freq[i], in double. Scalar on purpose: the Vector API's COS and SIN
         * round differently in its Java fallback and its intrinsics, so a table computed before and after the JIT
         * compiled this method could differ (see {@link LaneSums}).
         */
        private static void angles(long position, double[] freq, double[] cos, double[] sin) {
            double p = position;
            for (int i = 0; i < freq.length; i++) {
                cos[i] = Math.cos(p * freq[i]);
                sin[i] = Math.sin(p * freq[i]);
            }
        }

        private int partner(int j) {
            return convention == RopeConvention.HALF_SPLIT ? (j < d / 2 ? j + d / 2 : j - d / 2) : j ^ 1;
        }

        /** Features [from, to) of one row: x at element {@code in} with feature stride {@code sD}, table row at {@code row}. */
        void rotateScalar(MemorySegment xs, long in, long sD, MemorySegment os, long o, int row, int from, int to) {
            for (int j = from; j < to; j++) {
                float xj = xs.getAtIndex(Elements.F32, in + j * sD);
                float xp = xs.getAtIndex(Elements.F32, in + partner(j) * sD);
                os.setAtIndex(Elements.F32, o + j, xj * cos[row + j] + xp * sin[row + j]);
            }
        }

        /** Unit-stride row, pairs (i, i + D/2): both halves a vector at a time. */
        void rotateHalfSplit(MemorySegment xs, long in, MemorySegment os, long o, int row) {
            int half = d / 2;
            int i = 0;
            for (; i < F.loopBound(half); i += L) {
                FloatVector x0 = FloatVector.fromMemorySegment(F, xs, (in + i) * 4, LE);
                FloatVector x1 = FloatVector.fromMemorySegment(F, xs, (in + i + half) * 4, LE);
                FloatVector c0 = FloatVector.fromArray(F, cos, row + i);
                FloatVector s0 = FloatVector.fromArray(F, sin, row + i);
                FloatVector c1 = FloatVector.fromArray(F, cos, row + i + half);
                FloatVector s1 = FloatVector.fromArray(F, sin, row + i + half);
                x0.mul(c0).add(x1.mul(s0)).intoMemorySegment(os, (o + i) * 4, LE);
                x1.mul(c1).add(x0.mul(s1)).intoMemorySegment(os, (o + i + half) * 4, LE);
            }
            rotateScalar(xs, in, 1, os, o, row, i, half);
            rotateScalar(xs, in, 1, os, o, row, half + i, d);
        }

        /** Unit-stride row, pairs (2i, 2i + 1): the partner of each lane is its neighbour. */
        void rotateInterleaved(MemorySegment xs, long in, MemorySegment os, long o, int row) {
            int j = 0;
            for (; j < F.loopBound(d); j += L) {
                FloatVector xv = FloatVector.fromMemorySegment(F, xs, (in + j) * 4, LE);
                FloatVector xp = xv.rearrange(SWAP_PAIRS);
                FloatVector c = FloatVector.fromArray(F, cos, row + j);
                FloatVector s = FloatVector.fromArray(F, sin, row + j);
                xv.mul(c).add(xp.mul(s)).intoMemorySegment(os, (o + j) * 4, LE);
            }
            rotateScalar(xs, in, 1, os, o, row, j, d);
        }
    }
}
