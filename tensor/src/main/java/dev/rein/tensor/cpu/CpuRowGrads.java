package dev.rein.tensor.cpu;

import dev.rein.tensor.Elements;
import dev.rein.tensor.NeuralOps;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Backward kernels of the row ops in {@link CpuRowOps}, each one pass (or a few passes over a row that stays in
 * cache) per row: softmax, cross-entropy from logits, layer norm with its weight and bias gradients, and RMS norm
 * with its weight gradient.
 */
final class CpuRowGrads {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private CpuRowGrads() {
    }

    /** Softmax: out = y (g - sum(g y)); log-softmax: out = g - exp(y) sum(g). y, g, out [rows, n] contiguous. */
    static void softmaxGradRows(Tensor y, Tensor g, boolean log, Tensor out) {
        int rows = y.size(0);
        int n = y.size(1);
        MemorySegment ys = y.storage().segment();
        MemorySegment gs = g.storage().segment();
        MemorySegment os = out.storage().segment();
        Parallel.forRange(rows, (log ? 12L : 4L) * n, (s, e) -> {
            for (int r = s; r < e; r++) {
                long yAt = y.offset() + (long) r * n;
                long gAt = g.offset() + (long) r * n;
                long oAt = out.offset() + (long) r * n;
                if (log) {
                    logSoftmaxGradRow(ys, yAt, gs, gAt, os, oAt, n, CpuRowOps.sum(gs, gAt, n));
                } else {
                    softmaxGradRow(ys, yAt, gs, gAt, os, oAt, n, dot(ys, yAt, gs, gAt, n));
                }
            }
        });
    }

    private static float dot(MemorySegment as, long a, MemorySegment bs, long b, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            acc = FloatVector.fromMemorySegment(F, as, (a + i) * 4, LE)
                    .fma(FloatVector.fromMemorySegment(F, bs, (b + i) * 4, LE), acc);
        }
        float total = LaneSums.sum(acc);
        for (; i < n; i++) {
            total += as.getAtIndex(Elements.F32, a + i) * bs.getAtIndex(Elements.F32, b + i);
        }
        return total;
    }

    /** os = y (g - gy). */
    private static void softmaxGradRow(MemorySegment ys, long y, MemorySegment gs, long g, MemorySegment os, long o,
            int n, float gy) {
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            FloatVector gv = FloatVector.fromMemorySegment(F, gs, (g + i) * 4, LE).sub(gy);
            gv.mul(FloatVector.fromMemorySegment(F, ys, (y + i) * 4, LE)).intoMemorySegment(os, (o + i) * 4, LE);
        }
        for (; i < n; i++) {
            os.setAtIndex(Elements.F32, o + i,
                    ys.getAtIndex(Elements.F32, y + i) * (gs.getAtIndex(Elements.F32, g + i) - gy));
        }
    }

    /** os = g - exp(y) sum(g). */
    private static void logSoftmaxGradRow(MemorySegment ys, long y, MemorySegment gs, long g, MemorySegment os,
            long o, int n, float gSum) {
        int i = 0;
        FloatVector vs = FloatVector.broadcast(F, -gSum);
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            FloatVector p = VectorMath.exp(FloatVector.fromMemorySegment(F, ys, (y + i) * 4, LE));
            p.fma(vs, FloatVector.fromMemorySegment(F, gs, (g + i) * 4, LE)).intoMemorySegment(os, (o + i) * 4, LE);
        }
        for (; i < n; i++) {
            float p = (float) Math.exp(ys.getAtIndex(Elements.F32, y + i));
            os.setAtIndex(Elements.F32, o + i, gs.getAtIndex(Elements.F32, g + i) - p * gSum);
        }
    }

    /**
     * out_i = scale (softmax(x_i) - (1 - smoothing) one_hot(t_i) - smoothing / n), zeros for ignored rows: the
     * exponentials are written in the first pass and rescaled in place while the row is still in cache.
     */
    static void crossEntropyGradRows(Tensor x, Tensor targets, float labelSmoothing, float scale, Tensor out) {
        int rows = x.size(0);
        int n = x.size(1);
        MemorySegment xs = x.storage().segment();
        MemorySegment ts = targets.storage().segment();
        MemorySegment os = out.storage().segment();
        float uniform = scale * labelSmoothing / n;
        Parallel.forRange(rows, 10L * n, (s, e) -> {
            for (int r = s; r < e; r++) {
                long in = x.offset() + (long) r * n;
                long o = out.offset() + (long) r * n;
                long target = ts.getAtIndex(Elements.I64, targets.offset() + r * targets.stride(0));
                if (target == NeuralOps.IGNORE_INDEX) {
                    os.asSlice(o * 4, (long) n * 4).fill((byte) 0);
                    continue;
                }
                float m = CpuRowOps.max(xs, in, n);
                float total = CpuRowOps.expShifted(xs, in, os, o, n, m, true);
                scaleAndShift(os, o, n, scale / total, -uniform);
                long at = o + target;
                os.setAtIndex(Elements.F32, at, os.getAtIndex(Elements.F32, at) - scale * (1f - labelSmoothing));
            }
        });
    }

    /** s[at + i] = s[at + i] * factor + shift. */
    private static void scaleAndShift(MemorySegment s, long at, int n, float factor, float shift) {
        FloatVector vf = FloatVector.broadcast(F, factor);
        FloatVector vs = FloatVector.broadcast(F, shift);
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            FloatVector.fromMemorySegment(F, s, (at + i) * 4, LE).fma(vf, vs).intoMemorySegment(s, (at + i) * 4, LE);
        }
        for (; i < n; i++) {
            s.setAtIndex(Elements.F32, at + i, s.getAtIndex(Elements.F32, at + i) * factor + shift);
        }
    }

    /**
     * Layer norm backward. Per row, with xhat = (x - mean) rstd recomputed as the forward computes it:
     * dx = rstd (g w - mean(g w) - xhat mean(g w xhat)); over all rows dw = sum g xhat and db = sum g. The rows are
     * cut into one fixed range per core, each summing dw and db privately; the ranges' sums are added in order, so
     * the result does not depend on which core ran which range.
     */
    static void layerNormGradRows(Tensor x, Tensor weight, float eps, Tensor g, Tensor dx, Tensor dWeight,
            Tensor dBias) {
        normGradRows(x, CpuRowOps.widen(weight, 0f), eps, Centring.MEAN, g, dx, dWeight, dBias);
    }

    /**
     * RMS norm backward: {@link #layerNormGradRows} without the centring. Per row, with r = rsqrt(mean(x^2) + eps)
     * recomputed as the forward computes it, xhat = x r and s = weightOffset + w: dx = r (g s - xhat mean(g s xhat));
     * over all rows dw = sum g xhat.
     */
    static void rmsNormGradRows(Tensor x, Tensor weight, float eps, float weightOffset, Tensor g, Tensor dx,
            Tensor dWeight) {
        normGradRows(x, CpuRowOps.widen(weight, weightOffset), eps, Centring.NONE, g, dx, dWeight, null);
    }

    /** Whether a norm subtracts the row's mean (layer norm) or not (RMS norm). */
    private enum Centring {
        MEAN, NONE
    }

    private static void normGradRows(Tensor x, float[] w, float eps, Centring centring, Tensor g, Tensor dx,
            Tensor dWeight, Tensor dBias) {
        int rows = x.size(0);
        int n = x.size(1);
        MemorySegment xs = x.storage().segment();
        MemorySegment gs = g.storage().segment();
        boolean sums = dWeight != null || dBias != null;
        int pieces = Math.max(1, Math.min(Parallel.THREADS, rows));
        float[][] sumW = new float[pieces][sums ? n : 0];
        float[][] sumB = new float[pieces][sums ? n : 0];
        Parallel.forRange(pieces, 12L * n * rows / pieces, (s, e) -> {
            float[] xhat = new float[n];
            for (int piece = s; piece < e; piece++) {
                for (int r = (int) ((long) rows * piece / pieces); r < (long) rows * (piece + 1) / pieces; r++) {
                    long in = x.offset() + (long) r * n;
                    long gAt = g.offset() + (long) r * n;
                    float mean = centring == Centring.MEAN ? CpuRowOps.sum(xs, in, n) / n : 0f;
                    float rstd = CpuRowOps.inverseStd(xs, in, n, mean, eps);
                    centre(xs, in, n, mean, rstd, xhat);
                    if (sums) {
                        accumulate(gs, gAt, xhat, n, sumW[piece], sumB[piece]);
                    }
                    if (dx != null) {
                        inputGradRow(gs, gAt, w, xhat, n, rstd, centring, dx.storage().segment(),
                                dx.offset() + (long) r * n);
                    }
                }
            }
        });
        for (int piece = 1; piece < pieces && sums; piece++) {
            for (int i = 0; i < n; i++) {
                sumW[0][i] += sumW[piece][i];
                sumB[0][i] += sumB[piece][i];
            }
        }
        if (dWeight != null) {
            MemorySegment.copy(sumW[0], 0, dWeight.storage().segment(), Elements.F32, dWeight.offset() * 4, n);
        }
        if (dBias != null) {
            MemorySegment.copy(sumB[0], 0, dBias.storage().segment(), Elements.F32, dBias.offset() * 4, n);
        }
    }

    /** xhat[i] = (x[i] - mean) * rstd. */
    private static void centre(MemorySegment xs, long in, int n, float mean, float rstd, float[] xhat) {
        FloatVector vm = FloatVector.broadcast(F, mean);
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            FloatVector.fromMemorySegment(F, xs, (in + i) * 4, LE).sub(vm).mul(rstd).intoArray(xhat, i);
        }
        for (; i < n; i++) {
            xhat[i] = (xs.getAtIndex(Elements.F32, in + i) - mean) * rstd;
        }
    }

    /** sumW += g xhat, sumB += g. */
    private static void accumulate(MemorySegment gs, long g, float[] xhat, int n, float[] sumW, float[] sumB) {
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            FloatVector gv = FloatVector.fromMemorySegment(F, gs, (g + i) * 4, LE);
            gv.fma(FloatVector.fromArray(F, xhat, i), FloatVector.fromArray(F, sumW, i)).intoArray(sumW, i);
            gv.add(FloatVector.fromArray(F, sumB, i)).intoArray(sumB, i);
        }
        for (; i < n; i++) {
            float gi = gs.getAtIndex(Elements.F32, g + i);
            sumW[i] += gi * xhat[i];
            sumB[i] += gi;
        }
    }

    /** dx = rstd (g w - mean(g w) - xhat mean(g w xhat)) for one row; without centring, no mean(g w) term. */
    private static void inputGradRow(MemorySegment gs, long g, float[] w, float[] xhat, int n, float rstd,
            Centring centring, MemorySegment ds, long d) {
        FloatVector accA = FloatVector.zero(F);
        FloatVector accB = FloatVector.zero(F);
        int i = 0;
        int bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            FloatVector gw = FloatVector.fromMemorySegment(F, gs, (g + i) * 4, LE).mul(FloatVector.fromArray(F, w, i));
            accA = accA.add(gw);
            accB = gw.fma(FloatVector.fromArray(F, xhat, i), accB);
        }
        float a = LaneSums.sum(accA);
        float b = LaneSums.sum(accB);
        for (; i < n; i++) {
            float gw = gs.getAtIndex(Elements.F32, g + i) * w[i];
            a += gw;
            b += gw * xhat[i];
        }
        float meanA = centring == Centring.MEAN ? a / n : 0f;
        float meanB = b / n;
        FloatVector va = FloatVector.broadcast(F, meanA);
        FloatVector vb = FloatVector.broadcast(F, -meanB);
        for (i = 0; i < bound; i += F.length()) {
            FloatVector gw = FloatVector.fromMemorySegment(F, gs, (g + i) * 4, LE).mul(FloatVector.fromArray(F, w, i));
            FloatVector.fromArray(F, xhat, i).fma(vb, gw.sub(va)).mul(rstd).intoMemorySegment(ds, (d + i) * 4, LE);
        }
        for (; i < n; i++) {
            float gw = gs.getAtIndex(Elements.F32, g + i) * w[i];
            ds.setAtIndex(Elements.F32, d + i, (gw - meanA - xhat[i] * meanB) * rstd);
        }
    }
}
