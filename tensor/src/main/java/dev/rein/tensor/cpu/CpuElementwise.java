package dev.rein.tensor.cpu;

import dev.rein.tensor.BinaryOp;
import dev.rein.tensor.DType;
import dev.rein.tensor.Elements;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.UnaryOp;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Copy with dtype conversion, unary, binary and where on strided operands; vector loops for unit strides. */
final class CpuElementwise {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private CpuElementwise() {
    }

    static void copy(Tensor src, Tensor dst) {
        StridedRows rows = new StridedRows(dst, src);
        MemorySegment s = src.storage().segment();
        MemorySegment d = dst.storage().segment();
        DType sd = src.dtype();
        DType dd = dst.dtype();
        int width = sd.byteSize();
        rows.parallelSegments(1, (row, start, len) -> {
            long dAt = rows.rowStart(0, row) + start * rows.rowStrides[0];
            long sAt = rows.rowStart(1, row) + start * rows.rowStrides[1];
            long ds = rows.rowStrides[0];
            long ss = rows.rowStrides[1];
            if (sd == dd && ds == 1 && ss == 1) {
                MemorySegment.copy(s, sAt * width, d, dAt * width, (long) len * width);
            } else if (!sd.isFloatingPoint() && !dd.isFloatingPoint()) {
                for (int i = 0; i < len; i++) {
                    Elements.writeLong(d, dd, dAt + i * ds, Elements.readLong(s, sd, sAt + i * ss));
                }
            } else {
                for (int i = 0; i < len; i++) {
                    Elements.writeFloat(d, dd, dAt + i * ds, Elements.readFloat(s, sd, sAt + i * ss));
                }
            }
        });
    }

    static void unary(UnaryOp op, Tensor x, Tensor out) {
        StridedRows rows = new StridedRows(out, x);
        MemorySegment xs = x.storage().segment();
        MemorySegment os = out.storage().segment();
        rows.parallelSegments(op.ordinal() > UnaryOp.RELU.ordinal() ? 20 : 2, (row, start, len) -> {
            long oAt = rows.rowStart(0, row) + start;
            long xStride = rows.rowStrides[1];
            long xAt = rows.rowStart(1, row) + start * xStride;
            int i = 0;
            if (xStride == 1 && vectorised(op)) {
                for (int upper = F.loopBound(len); i < upper; i += F.length()) {
                    FloatVector v = FloatVector.fromMemorySegment(F, xs, (xAt + i) * 4, LE);
                    applyVector(op, v).intoMemorySegment(os, (oAt + i) * 4, LE);
                }
            }
            for (; i < len; i++) {
                os.setAtIndex(Elements.F32, oAt + i, MathFunctions.apply(op, xs.getAtIndex(Elements.F32, xAt + i * xStride)));
            }
        });
    }

    private static boolean vectorised(UnaryOp op) {
        return switch (op) {
            case NEG, ABS, RELU, SQRT, EXP, SIGMOID, SILU -> true;
            default -> false;
        };
    }

    private static FloatVector applyVector(UnaryOp op, FloatVector v) {
        return switch (op) {
            case NEG -> v.neg();
            case ABS -> v.abs();
            case RELU -> v.max(0f);
            case SQRT -> v.sqrt();
            case EXP -> VectorMath.exp(v);
            case SIGMOID -> v.broadcast(1f).div(VectorMath.exp(v.neg()).add(1f));
            case SILU -> v.div(VectorMath.exp(v.neg()).add(1f));
            default -> throw new IllegalStateException("no vector form for " + op);
        };
    }

    static void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        StridedRows rows = new StridedRows(out, a, b);
        MemorySegment as = a.storage().segment();
        MemorySegment bs = b.storage().segment();
        MemorySegment os = out.storage().segment();
        boolean vectorOp = op != BinaryOp.POW;
        rows.parallelSegments(op == BinaryOp.POW ? 20 : 1, (row, start, len) -> {
            long oAt = rows.rowStart(0, row) + start;
            long aStride = rows.rowStrides[1];
            long bStride = rows.rowStrides[2];
            long aAt = rows.rowStart(1, row) + start * aStride;
            long bAt = rows.rowStart(2, row) + start * bStride;
            int i = 0;
            if (vectorOp && (aStride == 1 || aStride == 0) && (bStride == 1 || bStride == 0)) {
                FloatVector aConst = aStride == 0 ? FloatVector.broadcast(F, as.getAtIndex(Elements.F32, aAt)) : null;
                FloatVector bConst = bStride == 0 ? FloatVector.broadcast(F, bs.getAtIndex(Elements.F32, bAt)) : null;
                for (int upper = F.loopBound(len); i < upper; i += F.length()) {
                    FloatVector va = aConst != null ? aConst : FloatVector.fromMemorySegment(F, as, (aAt + i) * 4, LE);
                    FloatVector vb = bConst != null ? bConst : FloatVector.fromMemorySegment(F, bs, (bAt + i) * 4, LE);
                    applyVector(op, va, vb).intoMemorySegment(os, (oAt + i) * 4, LE);
                }
            }
            for (; i < len; i++) {
                float va = as.getAtIndex(Elements.F32, aAt + i * aStride);
                float vb = bs.getAtIndex(Elements.F32, bAt + i * bStride);
                os.setAtIndex(Elements.F32, oAt + i, MathFunctions.apply(op, va, vb));
            }
        });
    }

    private static FloatVector applyVector(BinaryOp op, FloatVector a, FloatVector b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case MAX -> a.lanewise(VectorOperators.MAX, b);
            case MIN -> a.lanewise(VectorOperators.MIN, b);
            case POW -> throw new IllegalStateException("pow has no vector form");
        };
    }

    static void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        StridedRows rows = new StridedRows(out, cond, a, b);
        MemorySegment cs = cond.storage().segment();
        MemorySegment as = a.storage().segment();
        MemorySegment bs = b.storage().segment();
        MemorySegment os = out.storage().segment();
        rows.parallelSegments(2, (row, start, len) -> {
            long oAt = rows.rowStart(0, row) + start;
            long cSt = rows.rowStrides[1];
            long aSt = rows.rowStrides[2];
            long bSt = rows.rowStrides[3];
            long cAt = rows.rowStart(1, row) + start * cSt;
            long aAt = rows.rowStart(2, row) + start * aSt;
            long bAt = rows.rowStart(3, row) + start * bSt;
            for (int i = 0; i < len; i++) {
                boolean c = cs.get(ValueLayout.JAVA_BYTE, cAt + i * cSt) != 0;
                float v = c ? as.getAtIndex(Elements.F32, aAt + i * aSt) : bs.getAtIndex(Elements.F32, bAt + i * bSt);
                os.setAtIndex(Elements.F32, oAt + i, v);
            }
        });
    }
}
