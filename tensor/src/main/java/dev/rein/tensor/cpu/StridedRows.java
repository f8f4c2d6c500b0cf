package dev.rein.tensor.cpu;

import dev.rein.tensor.Tensor;

/**
 * Walks several same-shaped tensors with arbitrary strides row by row. Dims are first coalesced (adjacent
 * dims merged where every operand allows it, size-1 dims dropped), so a contiguous tensor is one long row and
 * a transposed or broadcast one is a few strided rows. A row is the last coalesced dim; each operand then has
 * a base element index and an inner stride for it.
 */
final class StridedRows {
    final int[] outerShape;      // coalesced dims before the row dim
    final long[][] outerStrides; // [operand][dim]
    final int rowLength;
    final long[] rowStrides;     // [operand]
    final long[] offsets;        // [operand] element offset of index 0
    final int rowCount;

    StridedRows(Tensor... operands) {
        int[] shape = operands[0].shape();
        int k = operands.length;
        long[][] strides = new long[k][];
        offsets = new long[k];
        for (int o = 0; o < k; o++) {
            strides[o] = operands[o].strides();
            offsets[o] = operands[o].offset();
        }
        // coalesce from the innermost dim outwards
        int[] cs = new int[shape.length];
        long[][] cst = new long[k][shape.length];
        int n = 0;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 1) {
                continue;
            }
            if (n > 0) {
                boolean merge = true;
                for (int o = 0; o < k; o++) {
                    if (strides[o][d] != cst[o][n - 1] * cs[n - 1]) {
                        merge = false;
                        break;
                    }
                }
                if (merge) {
                    cs[n - 1] *= shape[d];
                    continue;
                }
            }
            cs[n] = shape[d];
            for (int o = 0; o < k; o++) {
                cst[o][n] = strides[o][d];
            }
            n++;
        }
        // cs/cst hold dims innermost-first; the row is entry 0
        rowLength = n == 0 ? (numelIsZero(shape) ? 0 : 1) : cs[0];
        rowStrides = new long[k];
        for (int o = 0; o < k; o++) {
            rowStrides[o] = n == 0 ? 1 : cst[o][0];
        }
        int outer = Math.max(0, n - 1);
        outerShape = new int[outer];
        outerStrides = new long[k][outer];
        long rows = 1;
        for (int i = 0; i < outer; i++) {
            outerShape[outer - 1 - i] = cs[i + 1];
            rows *= cs[i + 1];
            for (int o = 0; o < k; o++) {
                outerStrides[o][outer - 1 - i] = cst[o][i + 1];
            }
        }
        rowCount = rowLength == 0 ? 0 : Math.toIntExact(rows);
    }

    private static boolean numelIsZero(int[] shape) {
        for (int s : shape) {
            if (s == 0) {
                return true;
            }
        }
        return false;
    }

    /** Body of {@link #parallelSegments}: elements {@code [start, start+length)} of row {@code row}. */
    @FunctionalInterface
    interface SegmentBody {
        void run(int row, int start, int length);
    }

    /** Runs {@code body} over every row, long rows cut into segments, split across the cores. */
    void parallelSegments(long workPerElement, SegmentBody body) {
        if (rowCount == 0) {
            return;
        }
        int segment = Math.max(1, Math.min(rowLength, 1 << 14));
        int perRow = (rowLength + segment - 1) / segment;
        int total = Math.toIntExact((long) rowCount * perRow);
        Parallel.forRange(total, segment * workPerElement, (s, e) -> {
            for (int t = s; t < e; t++) {
                int row = t / perRow;
                int start = (t % perRow) * segment;
                body.run(row, start, Math.min(segment, rowLength - start));
            }
        });
    }

    /** Element index where operand {@code o}'s row {@code row} starts. */
    long rowStart(int o, int row) {
        long at = offsets[o];
        long[] st = outerStrides[o];
        for (int d = outerShape.length - 1; d >= 0; d--) {
            int i = row % outerShape[d];
            row /= outerShape[d];
            at += i * st[d];
        }
        return at;
    }
}
