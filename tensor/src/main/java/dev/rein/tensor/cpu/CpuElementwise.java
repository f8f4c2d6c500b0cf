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
        if (src.dtype().isBlockQuantized()) {
            BlockCopy.copy(src, dst);
            return;
        }
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
            case NEG, ABS, RELU, SQRT, EXP, SIGMOID, SILU, GELU_TANH -> true;
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
            case GELU_TANH -> v.mul(geluSigmoid(v));
            default -> throw new IllegalStateException("no vector form for " + op);
        };
    }

    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);
    private static final float GELU_CUBIC = 0.044715f;

    /**
     * 0.5 (1 + tanh(u)) = 1 / (1 + exp(-2u)) with u = sqrt(2/pi) (x + 0.044715 x^3): tanh-GELU is x times this, a
     * sigmoid, which has no cancellation for negative x (unlike 1 + tanh) and needs one exp.
     */
    private static FloatVector geluSigmoid(FloatVector x) {
        FloatVector u = x.mul(x).fma(x.broadcast(GELU_CUBIC), x.broadcast(1f)).mul(x).mul(SQRT_2_OVER_PI);
        return x.broadcast(1f).div(VectorMath.exp(u.mul(-2f)).add(1f));
    }

    /**
     * {@code out = g * op'(x)}: vector loops for unit strides where the derivative has a vector form, else
     * {@link MathFunctions#derivative} per element.
     */
    static void unaryGrad(UnaryOp op, Tensor x, Tensor g, Tensor out) {
        StridedRows rows = new StridedRows(out, x, g);
        MemorySegment xs = x.storage().segment();
        MemorySegment gs = g.storage().segment();
        MemorySegment os = out.storage().segment();
        boolean vector = op == UnaryOp.RELU || op == UnaryOp.SILU || op == UnaryOp.GELU_TANH;
        rows.parallelSegments(op.ordinal() > UnaryOp.RELU.ordinal() ? 30 : 3, (row, start, len) -> {
            long oAt = rows.rowStart(0, row) + start;
            long xStride = rows.rowStrides[1];
            long gStride = rows.rowStrides[2];
            long xAt = rows.rowStart(1, row) + start * xStride;
            long gAt = rows.rowStart(2, row) + start * gStride;
            int i = 0;
            if (vector && xStride == 1 && gStride == 1) {
                for (int upper = F.loopBound(len); i < upper; i += F.length()) {
                    FloatVector v = FloatVector.fromMemorySegment(F, xs, (xAt + i) * 4, LE);
                    FloatVector d = FloatVector.fromMemorySegment(F, gs, (gAt + i) * 4, LE);
                    d.mul(derivativeVector(op, v)).intoMemorySegment(os, (oAt + i) * 4, LE);
                }
            }
            for (; i < len; i++) {
                float d = (float) MathFunctions.derivative(op, xs.getAtIndex(Elements.F32, xAt + i * xStride));
                os.setAtIndex(Elements.F32, oAt + i, gs.getAtIndex(Elements.F32, gAt + i * gStride) * d);
            }
        });
    }

    /** Largest |x| in the derivative of u; beyond it the sigmoid is exactly 0 or 1 in F32 and u' does not matter. */
    private static final float GELU_DERIVATIVE_CLAMP = 20f;

    private static FloatVector derivativeVector(UnaryOp op, FloatVector x) {
        return switch (op) {
            case RELU -> x.broadcast(0f).blend(1f, x.compare(VectorOperators.GT, 0f));
            case SILU -> {
                FloatVector s = x.broadcast(1f).div(VectorMath.exp(x.neg()).add(1f));
                yield s.mul(x.mul(s.neg().add(1f)).add(1f));                 // s (1 + x (1 - s))
            }
            case GELU_TANH -> {
                // d/dx x s(2u) = s + 2 x s (1 - s) u', u' = sqrt(2/pi) (1 + 3 * 0.044715 x^2)
                FloatVector s = geluSigmoid(x);
                FloatVector c = x.max(-GELU_DERIVATIVE_CLAMP).min(GELU_DERIVATIVE_CLAMP);
                FloatVector du = c.mul(c).fma(x.broadcast(3f * GELU_CUBIC), x.broadcast(1f)).mul(SQRT_2_OVER_PI);
                yield x.mul(s).mul(s.neg().add(1f)).mul(du).fma(x.broadcast(2f), s);
            }
            default -> throw new IllegalStateException("no vector derivative for " + op);
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
