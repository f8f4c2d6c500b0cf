package dev.rein.tensor.cpu;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernel of {@link GemmF32}: one tile C[MR, NR] (+)= A[MR, kc] @ B[kc, NR] from packed
 * panels, with the MR x 2 vector accumulators held in registers for the whole kc loop (8 accumulators, 2 B
 * vectors and 1 broadcast A value). A 6-row tile would fill 15 of the 16 AVX2 registers, and C2 then spills
 * (measured: half the throughput of this 4-row tile, which runs at the FMA peak).
 *
 * <p>Packed layouts: A strip {@code ap[aOff + p * MR + r]}, B panel {@code bp[bOff + p * NR + j]}.
 */
final class GemmKernel {
    static final VectorSpecies<Float> F = Widen.F;
    /** Rows per tile. */
    static final int MR = 4;
    /** Columns per tile: two vectors. */
    static final int NR = 2 * F.length();
    private static final int L = F.length();

    private GemmKernel() {
    }

    /**
     * Computes one full tile into {@code c} (F32 at byte offset {@code cAt}, rows {@code ldc} bytes apart);
     * {@code accumulate} adds to what C holds, otherwise overwrites it.
     */
    static void tile(float[] ap, int aOff, float[] bp, int bOff, int kc, MemorySegment c, long cAt, long ldc,
            boolean accumulate) {
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F);
        FloatVector c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F);
        FloatVector c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F);
        FloatVector c31 = FloatVector.zero(F);
        for (int p = 0; p < kc; p++) {
            int a = aOff + p * MR; // indices affine in p alone, so C2 hoists the range checks
            int b = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, bp, b);
            FloatVector b1 = FloatVector.fromArray(F, bp, b + L);
            FloatVector av = FloatVector.broadcast(F, ap[a]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(F, ap[a + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(F, ap[a + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(F, ap[a + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
        }
        // The stores stay in this method: a helper taking the accumulators as arguments is only inlined when
        // C2's profile calls its call sites hot, and when it is not (seen after other vector code warmed up
        // first) every accumulator is boxed and the kernel runs at half speed.
        long r1 = cAt + ldc;
        long r2 = cAt + 2 * ldc;
        long r3 = cAt + 3 * ldc;
        long half = 4L * L;
        if (accumulate) {
            c00 = c00.add(load(c, cAt));
            c01 = c01.add(load(c, cAt + half));
            c10 = c10.add(load(c, r1));
            c11 = c11.add(load(c, r1 + half));
            c20 = c20.add(load(c, r2));
            c21 = c21.add(load(c, r2 + half));
            c30 = c30.add(load(c, r3));
            c31 = c31.add(load(c, r3 + half));
        }
        c00.intoMemorySegment(c, cAt, Widen.LE);
        c01.intoMemorySegment(c, cAt + half, Widen.LE);
        c10.intoMemorySegment(c, r1, Widen.LE);
        c11.intoMemorySegment(c, r1 + half, Widen.LE);
        c20.intoMemorySegment(c, r2, Widen.LE);
        c21.intoMemorySegment(c, r2 + half, Widen.LE);
        c30.intoMemorySegment(c, r3, Widen.LE);
        c31.intoMemorySegment(c, r3 + half, Widen.LE);
    }

    /** One vector of C (small enough to be inlined whatever the profile says). */
    private static FloatVector load(MemorySegment c, long at) {
        return FloatVector.fromMemorySegment(F, c, at, Widen.LE);
    }
}
