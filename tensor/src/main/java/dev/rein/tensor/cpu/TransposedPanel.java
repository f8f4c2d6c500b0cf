package dev.rein.tensor.cpu;

import static dev.rein.tensor.cpu.GemmKernel.NR;
import static dev.rein.tensor.cpu.Widen.I;
import static dev.rein.tensor.cpu.Widen.L;

import dev.rein.tensor.DType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.IntVector;

/**
 * Packs a full NR-column panel of B for {@link GemmKernel} when B is a transposed view (B = W^T with W [N, K]
 * stored row by row: B's columns are W's contiguous rows), the layout of every linear layer's weight in a prompt
 * pass, with F32, BF16 or F16 elements.
 *
 * <p>Per half panel (L columns) and block of k, L vectors of L ints are read, one from each of L rows of W (L
 * floats, or 2L 16-bit values as pairs), and transposed in log2(L) rounds of two-vector zips (round r pairs
 * vector i with vector i + L/2: the combined index bits of (row, column) rotate by one per round) through a
 * small scratch. After the transpose a vector holds one k of the L columns (F32), or two consecutive k as the
 * low and high halves of each int (16-bit), which {@link Widen}'s even/odd helpers turn into two panel rows.
 * Widening one BF16 value at a time and scattering it with a stride of NR cost about 0.7 ns per element, a fifth
 * of the product's own time per weight element at 256 rows on AVX-512; this costs about 0.25 ns.
 */
final class TransposedPanel {
    private static final int ROUNDS = Integer.numberOfTrailingZeros(L);
    /** Zip of two vectors, first half: lanes a0 b0 a1 b1 ... of a and b. */
    private static final IntVector ZIP_LOW = zipIndexes(0);
    /** Zip of two vectors, second half: lanes a(L/2) b(L/2) ... */
    private static final IntVector ZIP_HIGH = zipIndexes(L / 2);
    /** Two L x L blocks of ints, read and written in turn by the rounds. */
    private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[2 * L * L]);

    private TransposedPanel() {
    }

    /** Whether {@link #pack} reads {@code w}: a transposed (unit row stride) F32/BF16/F16 view, vectors of 2+ lanes. */
    static boolean applies(MatrixView w) {
        DType type = w.dtype();
        return w.rowStride() == 1 && L >= 2 && (type == DType.F32 || type == DType.BF16 || type == DType.F16);
    }

    /**
     * Packs rows {@code [p0, p0 + done)} of the panel whose first column is {@code col} (all NR columns valid)
     * into {@code bp[dst + p * NR + j]}, for the largest {@code done <= kc} that whole blocks cover; returns
     * {@code done} (the caller packs the remaining rows).
     */
    static int pack(MatrixView w, int p0, int kc, int col, float[] bp, int dst) {
        DType type = w.dtype();
        int perBlock = type == DType.F32 ? L : 2 * L; // k per vector of ints
        int done = kc / perBlock * perBlock;
        int[] scratch = SCRATCH.get();
        long elementBytes = type == DType.F32 ? 4 : 2;
        for (int half = 0; half < NR; half += L) {
            for (int p = 0; p < done; p += perBlock) {
                long at = w.index(p0 + p, col + half) * elementBytes;
                int result = transpose(w.segment(), at, w.colStride() * elementBytes, scratch);
                int to = dst + p * NR + half;
                switch (type) {
                    case F32 -> storeF32(scratch, result, bp, to);
                    case BF16 -> storeBf16(scratch, result, bp, to);
                    default -> storeF16(scratch, result, bp, to); // as applies() admits
                }
            }
        }
        return done;
    }

    /**
     * Transposes the L x L ints whose rows start at byte {@code at + r * rowBytes} of {@code src} into the
     * scratch; returns the offset of the result there (row u = column u of the block).
     */
    private static int transpose(MemorySegment src, long at, long rowBytes, int[] scratch) {
        for (int i = 0; i < L / 2; i++) {
            IntVector a = IntVector.fromMemorySegment(I, src, at + i * rowBytes, Widen.LE);
            IntVector b = IntVector.fromMemorySegment(I, src, at + (i + L / 2) * rowBytes, Widen.LE);
            zip(a, b, scratch, 2 * i * L);
        }
        int from = 0;
        for (int round = 1; round < ROUNDS; round++) {
            int to = L * L - from;
            for (int i = 0; i < L / 2; i++) {
                zip(IntVector.fromArray(I, scratch, from + i * L), IntVector.fromArray(I, scratch, from + (i + L / 2) * L),
                        scratch, to + 2 * i * L);
            }
            from = to;
        }
        return from;
    }

    /** Stores the zip of a and b as two consecutive vectors at {@code out[at]}. */
    private static void zip(IntVector a, IntVector b, int[] out, int at) {
        ZIP_LOW.selectFrom(a, b).intoArray(out, at);
        ZIP_HIGH.selectFrom(a, b).intoArray(out, at + L);
    }

    /** Column u of a transposed F32 block is panel row u: L floats at {@code bp[at + u * NR]}. */
    private static void storeF32(int[] block, int from, float[] bp, int at) {
        for (int u = 0; u < L; u++) {
            IntVector.fromArray(I, block, from + u * L).reinterpretAsFloats().intoArray(bp, at + u * NR);
        }
    }

    /** Column u of a transposed block of BF16 pairs is panel rows 2u (low halves) and 2u + 1 (high halves). */
    private static void storeBf16(int[] block, int from, float[] bp, int at) {
        for (int u = 0; u < L; u++) {
            IntVector pairs = IntVector.fromArray(I, block, from + u * L);
            Widen.bf16Even(pairs).intoArray(bp, at + 2 * u * NR);
            Widen.bf16Odd(pairs).intoArray(bp, at + (2 * u + 1) * NR);
        }
    }

    /** {@link #storeBf16} for F16 pairs. */
    private static void storeF16(int[] block, int from, float[] bp, int at) {
        for (int u = 0; u < L; u++) {
            IntVector pairs = IntVector.fromArray(I, block, from + u * L);
            Widen.f16Even(pairs).intoArray(bp, at + 2 * u * NR);
            Widen.f16Odd(pairs).intoArray(bp, at + (2 * u + 1) * NR);
        }
    }

    /** Lane 2t takes lane {@code first + t} of the first vector, lane 2t + 1 the same lane of the second. */
    private static IntVector zipIndexes(int first) {
        int[] indexes = new int[L];
        for (int t = 0; t < L / 2; t++) {
            indexes[2 * t] = first + t;
            indexes[2 * t + 1] = L + first + t;
        }
        return IntVector.fromArray(I, indexes, 0);
    }
}
