package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import dev.rein.tensor.Elements;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/** Gather, scatter-add and row selection (embedding lookup). */
final class CpuIndexing {
    private CpuIndexing() {
    }

    static void gather(Tensor x, int dim, Tensor index, Tensor out) {
        int[] shape = index.shape();
        MemorySegment xs = x.storage().segment();
        MemorySegment is = index.storage().segment();
        MemorySegment os = out.storage().segment();
        long n = index.numel();
        int[] at = new int[shape.length];
        for (long flat = 0; flat < n; flat++) {
            long xAt = x.offset();
            long iAt = index.offset();
            for (int d = 0; d < shape.length; d++) {
                iAt += at[d] * index.stride(d);
            }
            long picked = Elements.readLong(is, index.dtype(), iAt);
            for (int d = 0; d < shape.length; d++) {
                xAt += (d == dim ? picked : at[d]) * x.stride(d);
            }
            os.setAtIndex(Elements.F32, out.offset() + flat, xs.getAtIndex(Elements.F32, xAt));
            advance(at, shape);
        }
    }

    static void scatterAdd(Tensor target, int dim, Tensor index, Tensor src) {
        int[] shape = index.shape();
        MemorySegment ts = target.storage().segment();
        MemorySegment is = index.storage().segment();
        MemorySegment ss = src.storage().segment();
        long n = index.numel();
        int[] at = new int[shape.length];
        for (long flat = 0; flat < n; flat++) {
            long iAt = index.offset();
            long sAt = src.offset();
            for (int d = 0; d < shape.length; d++) {
                iAt += at[d] * index.stride(d);
                sAt += at[d] * src.stride(d);
            }
            long picked = Elements.readLong(is, index.dtype(), iAt);
            long tAt = target.offset();
            for (int d = 0; d < shape.length; d++) {
                tAt += (d == dim ? picked : at[d]) * target.stride(d);
            }
            ts.setAtIndex(Elements.F32, tAt, ts.getAtIndex(Elements.F32, tAt) + ss.getAtIndex(Elements.F32, sAt));
            advance(at, shape);
        }
    }

    /** Odometer step of a multi-index over {@code shape}, last dim fastest. */
    private static void advance(int[] at, int[] shape) {
        for (int d = shape.length - 1; d >= 0; d--) {
            if (++at[d] < shape[d]) {
                return;
            }
            at[d] = 0;
        }
    }

    static void indexSelectRows(Tensor table, Tensor ids, Tensor out) {
        int rows = ids.size(0);
        int dim = table.size(1);
        MemorySegment ts = table.storage().segment();
        MemorySegment os = out.storage().segment();
        DType dt = table.dtype();
        long[] id = ids.toLongArray();
        Parallel.forRange(rows, dim, (s, e) -> {
            for (int r = s; r < e; r++) {
                long from = table.offset() + id[r] * dim;
                long to = out.offset() + (long) r * dim;
                if (dt == DType.F32) {
                    MemorySegment.copy(ts, from * 4, os, to * 4, (long) dim * 4);
                } else {
                    for (int c = 0; c < dim; c++) {
                        os.setAtIndex(Elements.F32, to + c, Elements.readFloat(ts, dt, from + c));
                    }
                }
            }
        });
    }
}
