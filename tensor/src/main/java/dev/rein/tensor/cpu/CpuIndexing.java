package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import dev.rein.tensor.Elements;
import dev.rein.tensor.QuantizedBlocks;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Gather, scatter-add (whole rows vectorised) and row selection (embedding lookup). */
final class CpuIndexing {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

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
        if (dim == 0 && index.rank() == 2 && index.stride(1) == 0 && src.stride(1) == 1
                && target.stride(1) == 1) {
            addRows(target, index, src);
            return;
        }
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

    /**
     * Scatter-add of whole rows (each row of the index one id repeated, as an embedding's backward passes it):
     * target row index[r, 0] += src row r, vectorised. One thread, since two rows may name the same target row.
     */
    private static void addRows(Tensor target, Tensor index, Tensor src) {
        int rows = index.size(0);
        int width = index.size(1);
        MemorySegment ts = target.storage().segment();
        MemorySegment is = index.storage().segment();
        MemorySegment ss = src.storage().segment();
        for (int r = 0; r < rows; r++) {
            long id = Elements.readLong(is, index.dtype(), index.offset() + r * index.stride(0));
            long t = target.offset() + id * target.stride(0);
            long s = src.offset() + r * src.stride(0);
            int c = 0;
            for (int upper = F.loopBound(width); c < upper; c += F.length()) {
                FloatVector.fromMemorySegment(F, ts, (t + c) * 4, LE)
                        .add(FloatVector.fromMemorySegment(F, ss, (s + c) * 4, LE))
                        .intoMemorySegment(ts, (t + c) * 4, LE);
            }
            for (; c < width; c++) {
                ts.setAtIndex(Elements.F32, t + c, ts.getAtIndex(Elements.F32, t + c) + ss.getAtIndex(Elements.F32, s + c));
            }
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
                } else if (dt.isBlockQuantized()) {
                    float[] row = new float[dim];
                    QuantizedBlocks.decode(dt, ts, dt.bytesFor(from), dim / dt.blockElements(), row, 0);
                    MemorySegment.copy(row, 0, os, Elements.F32, to * 4, dim);
                } else {
                    for (int c = 0; c < dim; c++) {
                        os.setAtIndex(Elements.F32, to + c, Elements.readFloat(ts, dt, from + c));
                    }
                }
            }
        });
    }
}
