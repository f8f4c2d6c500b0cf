package dev.rein.tensor.cpu;

import static dev.rein.tensor.cpu.Widen.F;
import static dev.rein.tensor.cpu.Widen.I;
import static dev.rein.tensor.cpu.Widen.L;
import static dev.rein.tensor.cpu.Widen.LE;

import dev.rein.tensor.DType;
import dev.rein.tensor.Elements;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;

/**
 * The register tile of {@link MatVec} for a batch of decoded rows and 16-bit weights: two contiguous weight rows (of
 * the four of {@code rows}, from index {@code first}) against four rows of x, eight dot products in eight
 * accumulators. Each weight vector is loaded and widened once for the four rows of x, where a row at a time reloads
 * and re-widens it for every row; that work, not the bytes of weights, bounded a batch of eight decoded sequences.
 * The accumulators are named locals, not an array: an array of vectors would be boxed. (Four weight rows by four,
 * sixteen accumulators, made one method too large for C2's inlining budget: its vector calls were left out of line
 * and boxed.) F32 weights need no widening, and there a tile measured no faster than a row at a time.
 */
final class MatVecTiles {
    private MatVecTiles() {
    }

    /**
     * sums[r * 4 + i] = dot(w row r, x[xOffs[i], xOffs[i] + k)) for r = first, first + 1, BF16 weight rows starting
     * at element indices rows[r]; each row of x is in even/odd order ({@link Widen#deinterleave}), each int load
     * covering 2L weights; {@code lanes} (8 L floats) holds the accumulators on the way to their sums.
     */
    static void bf16(MemorySegment ws, long[] rows, int first, float[] x, int[] xOffs, int k, float[] lanes,
            float[] sums) {
        long r0 = rows[first] * 2;
        long r1 = rows[first + 1] * 2;
        int x0Off = xOffs[0];
        int x1Off = xOffs[1];
        int x2Off = xOffs[2];
        int x3Off = xOffs[3];
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a01 = FloatVector.zero(F);
        FloatVector a02 = FloatVector.zero(F);
        FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a11 = FloatVector.zero(F);
        FloatVector a12 = FloatVector.zero(F);
        FloatVector a13 = FloatVector.zero(F);
        int p = 0;
        for (int upper = k - k % (2 * L); p < upper; p += 2 * L) {
            long at = 2L * p;
            FloatVector xe0 = FloatVector.fromArray(F, x, x0Off + p);
            FloatVector xo0 = FloatVector.fromArray(F, x, x0Off + p + L);
            FloatVector xe1 = FloatVector.fromArray(F, x, x1Off + p);
            FloatVector xo1 = FloatVector.fromArray(F, x, x1Off + p + L);
            FloatVector xe2 = FloatVector.fromArray(F, x, x2Off + p);
            FloatVector xo2 = FloatVector.fromArray(F, x, x2Off + p + L);
            FloatVector xe3 = FloatVector.fromArray(F, x, x3Off + p);
            FloatVector xo3 = FloatVector.fromArray(F, x, x3Off + p + L);
            IntVector w0 = IntVector.fromMemorySegment(I, ws, r0 + at, LE);
            FloatVector e0 = Widen.bf16Even(w0);
            FloatVector o0 = Widen.bf16Odd(w0);
            a00 = o0.fma(xo0, e0.fma(xe0, a00));
            a01 = o0.fma(xo1, e0.fma(xe1, a01));
            a02 = o0.fma(xo2, e0.fma(xe2, a02));
            a03 = o0.fma(xo3, e0.fma(xe3, a03));
            IntVector w1 = IntVector.fromMemorySegment(I, ws, r1 + at, LE);
            FloatVector e1 = Widen.bf16Even(w1);
            FloatVector o1 = Widen.bf16Odd(w1);
            a10 = o1.fma(xo0, e1.fma(xe0, a10));
            a11 = o1.fma(xo1, e1.fma(xe1, a11));
            a12 = o1.fma(xo2, e1.fma(xe2, a12));
            a13 = o1.fma(xo3, e1.fma(xe3, a13));
        }
        a00.intoArray(lanes, 0);
        a01.intoArray(lanes, L);
        a02.intoArray(lanes, 2 * L);
        a03.intoArray(lanes, 3 * L);
        a10.intoArray(lanes, 4 * L);
        a11.intoArray(lanes, 5 * L);
        a12.intoArray(lanes, 6 * L);
        a13.intoArray(lanes, 7 * L);
        laneSums(lanes, first, sums);
        tail(ws, DType.BF16, rows, first, x, xOffs, p, k, sums);
    }

    /**
     * As {@link #bf16} for F16 weight rows: the same loop with the other widening, written twice on purpose (one
     * method choosing the widening inside the loop holds both bodies, past C2's inlining budget: see the class).
     */
    static void f16(MemorySegment ws, long[] rows, int first, float[] x, int[] xOffs, int k, float[] lanes,
            float[] sums) {
        long r0 = rows[first] * 2;
        long r1 = rows[first + 1] * 2;
        int x0Off = xOffs[0];
        int x1Off = xOffs[1];
        int x2Off = xOffs[2];
        int x3Off = xOffs[3];
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a01 = FloatVector.zero(F);
        FloatVector a02 = FloatVector.zero(F);
        FloatVector a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F);
        FloatVector a11 = FloatVector.zero(F);
        FloatVector a12 = FloatVector.zero(F);
        FloatVector a13 = FloatVector.zero(F);
        int p = 0;
        for (int upper = k - k % (2 * L); p < upper; p += 2 * L) {
            long at = 2L * p;
            FloatVector xe0 = FloatVector.fromArray(F, x, x0Off + p);
            FloatVector xo0 = FloatVector.fromArray(F, x, x0Off + p + L);
            FloatVector xe1 = FloatVector.fromArray(F, x, x1Off + p);
            FloatVector xo1 = FloatVector.fromArray(F, x, x1Off + p + L);
            FloatVector xe2 = FloatVector.fromArray(F, x, x2Off + p);
            FloatVector xo2 = FloatVector.fromArray(F, x, x2Off + p + L);
            FloatVector xe3 = FloatVector.fromArray(F, x, x3Off + p);
            FloatVector xo3 = FloatVector.fromArray(F, x, x3Off + p + L);
            IntVector w0 = IntVector.fromMemorySegment(I, ws, r0 + at, LE);
            FloatVector e0 = Widen.f16Even(w0);
            FloatVector o0 = Widen.f16Odd(w0);
            a00 = o0.fma(xo0, e0.fma(xe0, a00));
            a01 = o0.fma(xo1, e0.fma(xe1, a01));
            a02 = o0.fma(xo2, e0.fma(xe2, a02));
            a03 = o0.fma(xo3, e0.fma(xe3, a03));
            IntVector w1 = IntVector.fromMemorySegment(I, ws, r1 + at, LE);
            FloatVector e1 = Widen.f16Even(w1);
            FloatVector o1 = Widen.f16Odd(w1);
            a10 = o1.fma(xo0, e1.fma(xe0, a10));
            a11 = o1.fma(xo1, e1.fma(xe1, a11));
            a12 = o1.fma(xo2, e1.fma(xe2, a12));
            a13 = o1.fma(xo3, e1.fma(xe3, a13));
        }
        a00.intoArray(lanes, 0);
        a01.intoArray(lanes, L);
        a02.intoArray(lanes, 2 * L);
        a03.intoArray(lanes, 3 * L);
        a10.intoArray(lanes, 4 * L);
        a11.intoArray(lanes, 5 * L);
        a12.intoArray(lanes, 6 * L);
        a13.intoArray(lanes, 7 * L);
        laneSums(lanes, first, sums);
        tail(ws, DType.F16, rows, first, x, xOffs, p, k, sums);
    }

    /**
     * sums[first * 4 + j] = the lanes of accumulator j summed as {@link LaneSums} sums them, so a row of a batch gets
     * the bits it gets alone through {@code MatVec}'s one-row path. Done here from memory: in the tile method the
     * lane sums pushed C2 past its inlining node budget, and a lane sum it did not inline boxed its vector.
     */
    private static void laneSums(float[] lanes, int first, float[] sums) {
        for (int j = 0; j < 8; j++) {
            sums[first * 4 + j] = LaneSums.sum(FloatVector.fromArray(F, lanes, j * L));
        }
    }

    /**
     * Adds the products of the elements from {@code from} to k that the vector loop left (x is in natural order
     * there: the deinterleaving keeps a tail shorter than 2L in place), in the order of the one-row path.
     */
    private static void tail(MemorySegment ws, DType dt, long[] rows, int first, float[] x, int[] xOffs, int from,
            int k, float[] sums) {
        for (int p = from; p < k; p++) {
            for (int r = first; r < first + 2; r++) {
                float wv = Elements.readFloat(ws, dt, rows[r] + p);
                for (int i = 0; i < 4; i++) {
                    sums[r * 4 + i] += x[xOffs[i] + p] * wv;
                }
            }
        }
    }
}
