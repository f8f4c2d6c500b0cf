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
        store(c, cAt, c00, c01, accumulate);
        store(c, cAt + ldc, c10, c11, accumulate);
        store(c, cAt + 2 * ldc, c20, c21, accumulate);
        store(c, cAt + 3 * ldc, c30, c31, accumulate);
    }

    private static void store(MemorySegment c, long at, FloatVector v0, FloatVector v1, boolean accumulate) {
        long at1 = at + 4L * L;
        if (accumulate) {
            v0 = v0.add(FloatVector.fromMemorySegment(F, c, at, Widen.LE));
            v1 = v1.add(FloatVector.fromMemorySegment(F, c, at1, Widen.LE));
        }
        v0.intoMemorySegment(c, at, Widen.LE);
        v1.intoMemorySegment(c, at1, Widen.LE);
    }
}
