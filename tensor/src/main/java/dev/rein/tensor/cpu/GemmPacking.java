package dev.rein.tensor.cpu;

import static dev.rein.tensor.cpu.GemmKernel.MR;
import static dev.rein.tensor.cpu.GemmKernel.NR;

import java.util.Arrays;

/**
 * Copies blocks of strided operands into the packed float layouts {@link GemmKernel} reads, widening BF16/F16 on
 * the way and padding partial strips and panels with zeros. Each block is read along whichever of its strides is
 * unit (rows for row-major, columns for transposed views), so packing streams memory in both cases.
 */
final class GemmPacking {
    private GemmPacking() {
    }

    /**
     * Packs rows {@code [i0, i0 + rows)} x columns {@code [p0, p0 + kc)} of A into consecutive MR-row strips:
     * strip s at {@code ap[s * kc * MR]}, element (r, p) of the strip at {@code p * MR + r}. {@code tmp} holds
     * at least max(kc, rows) floats.
     */
    static void packA(MatrixView a, int i0, int rows, int p0, int kc, float[] ap, float[] tmp) {
        if (a.rowStride() == 1 && a.colStride() != 1) {
            packColumnMajorA(a, i0, rows, p0, kc, ap, tmp);
            return;
        }
        for (int s = 0; s * MR < rows; s++) {
            int dst = s * kc * MR;
            int r0 = i0 + s * MR;
            int valid = Math.min(MR, rows - s * MR);
            for (int r = 0; r < MR; r++) {
                if (r < valid) {
                    Widen.row(a.segment(), a.dtype(), a.index(r0 + r, p0), a.colStride(), kc, tmp, 0);
                } else {
                    Arrays.fill(tmp, 0, kc, 0f);
                }
                for (int p = 0; p < kc; p++) {
                    ap[dst + p * MR + r] = tmp[p];
                }
            }
        }
    }

    /**
     * {@link #packA} for A stored column by column (a transposed view, such as x^T in a weight gradient): each
     * column of the block is one contiguous run of {@code rows} values, read at once and dealt to the strips.
     * {@code tmp} holds at least {@code rows} floats.
     */
    private static void packColumnMajorA(MatrixView a, int i0, int rows, int p0, int kc, float[] ap, float[] tmp) {
        int padded = (rows + MR - 1) / MR * MR;
        Arrays.fill(tmp, rows, padded, 0f);
        for (int p = 0; p < kc; p++) {
            Widen.row(a.segment(), a.dtype(), a.index(i0, p0 + p), 1, rows, tmp, 0);
            for (int r = 0; r < padded; r += MR) {
                int dst = r * kc + p * MR;                   // strip r / MR starts at (r / MR) * kc * MR
                for (int i = 0; i < MR; i++) {
                    ap[dst + i] = tmp[r + i];
                }
            }
        }
    }

    /**
     * Packs rows {@code [p0, p0 + kc)} of B, columns {@code j0 + q * NR} for panels q in {@code [from, to)} (and
     * below {@code nEnd}), into NR-column panels: panel q at {@code bp[q * kc * NR]}, element (p, j) at
     * {@code p * NR + j}. {@code tmp} holds at least kc floats. A transposed view (a linear layer's weight)
     * is read by {@link TransposedPanel} where it can.
     */
    static void packB(MatrixView w, int p0, int kc, int j0, int nEnd, int from, int to, float[] bp, float[] tmp) {
        boolean transposed = w.rowStride() == 1 && w.colStride() != 1;
        boolean vectorTranspose = transposed && TransposedPanel.applies(w);
        for (int q = from; q < to; q++) {
            int dst = q * kc * NR;
            int col = j0 + q * NR;
            int valid = Math.min(NR, nEnd - col);
            if (!transposed) {
                for (int p = 0; p < kc; p++) {
                    Widen.row(w.segment(), w.dtype(), w.index(p0 + p, col), w.colStride(), valid, bp, dst + p * NR);
                    if (valid < NR) {
                        Arrays.fill(bp, dst + p * NR + valid, dst + (p + 1) * NR, 0f);
                    }
                }
            } else {
                int done = valid == NR && vectorTranspose ? TransposedPanel.pack(w, p0, kc, col, bp, dst) : 0;
                for (int j = 0; j < NR; j++) {          // the rows the vector transpose left, one column at a time
                    if (j < valid) {
                        Widen.row(w.segment(), w.dtype(), w.index(p0 + done, col + j), 1, kc - done, tmp, 0);
                    } else {
                        Arrays.fill(tmp, 0, kc - done, 0f);
                    }
                    for (int p = done; p < kc; p++) {
                        bp[dst + p * NR + j] = tmp[p - done];
                    }
                }
            }
        }
    }
}
