package dev.rein.tensor.cpu;

import dev.rein.tensor.DType;
import dev.rein.tensor.Elements;
import dev.rein.tensor.ReduceOp;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Row-wise kernels on contiguous F32 matrices [rows, n]: reductions, argmax, top-k, softmax, norms. */
final class CpuRowOps {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private CpuRowOps() {
    }

    static void reduceRows(ReduceOp op, Tensor x, Tensor out) {
        int rows = x.size(0);
        int n = x.size(1);
        MemorySegment xs = x.storage().segment();
        MemorySegment os = out.storage().segment();
        long base = x.offset();
        long outBase = out.offset();
        Parallel.forRange(rows, n, (s, e) -> {
            for (int r = s; r < e; r++) {
                long at = base + (long) r * n;
                float v = switch (op) {
                    case SUM -> sum(xs, at, n);
                    case MEAN -> n == 0 ? Float.NaN : sum(xs, at, n) / n;
                    case MAX -> max(xs, at, n);
                    case MIN -> min(xs, at, n);
                    case LOGSUMEXP -> logSumExp(xs, at, n);
                };
                os.setAtIndex(Elements.F32, outBase + r, v);
            }
        });
    }

    static float sum(MemorySegment xs, long at, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            acc = acc.add(FloatVector.fromMemorySegment(F, xs, (at + i) * 4, LE));
        }
        float s = VectorMath.sum(acc);
        for (; i < n; i++) {
            s += xs.getAtIndex(Elements.F32, at + i);
        }
        return s;
    }

    /** Largest element (NaN if any is NaN); four accumulators, since one chains the latency of each max. */
    static float max(MemorySegment xs, long at, int n) {
        FloatVector acc0 = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        int step = F.length();
        int i = 0;
        for (int upper = n - n % (4 * step); i < upper; i += 4 * step) {
            long byteAt = (at + i) * 4;
            acc0 = acc0.lanewise(VectorOperators.MAX, FloatVector.fromMemorySegment(F, xs, byteAt, LE));
            acc1 = acc1.lanewise(VectorOperators.MAX, FloatVector.fromMemorySegment(F, xs, byteAt + 4L * step, LE));
            acc2 = acc2.lanewise(VectorOperators.MAX, FloatVector.fromMemorySegment(F, xs, byteAt + 8L * step, LE));
            acc3 = acc3.lanewise(VectorOperators.MAX, FloatVector.fromMemorySegment(F, xs, byteAt + 12L * step, LE));
        }
        for (int upper = F.loopBound(n); i < upper; i += step) {
            acc0 = acc0.lanewise(VectorOperators.MAX, FloatVector.fromMemorySegment(F, xs, (at + i) * 4, LE));
        }
        float m = acc0.lanewise(VectorOperators.MAX, acc1).lanewise(VectorOperators.MAX, acc2.lanewise(VectorOperators.MAX, acc3))
                .reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            m = Math.max(m, xs.getAtIndex(Elements.F32, at + i));
        }
        return m;
    }

    /** log(sum(exp(x))) of the row: its max plus the log of the shifted exponentials' sum. */
    static float logSumExp(MemorySegment xs, long at, int n) {
        float m = max(xs, at, n);
        if (Float.isInfinite(m)) {
            return m; // every element -inf (or the row is empty): log 0; some element +inf: +inf
        }
        return m + (float) Math.log(expShifted(xs, at, xs, at, n, m, false));
    }

    static float min(MemorySegment xs, long at, int n) {
        float m = Float.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.min(m, xs.getAtIndex(Elements.F32, at + i));
        }
        return m;
    }

    static void argmaxRows(Tensor x, Tensor out) {
        int rows = x.size(0);
        int n = x.size(1);
        MemorySegment xs = x.storage().segment();
        Parallel.forRange(rows, n, (s, e) -> {
            for (int r = s; r < e; r++) {
                long at = x.offset() + (long) r * n;
                int best = 0;
                float bestValue = xs.getAtIndex(Elements.F32, at);
                for (int i = 1; i < n; i++) {
                    float v = xs.getAtIndex(Elements.F32, at + i);
                    if (v > bestValue || (Float.isNaN(v) && !Float.isNaN(bestValue))) {
                        best = i;
                        bestValue = v;
                    }
                }
                out.storage().segment().setAtIndex(Elements.I64, out.offset() + r, best);
            }
        });
    }

    /** Above this k a full sort of the row beats keeping a sorted list of the best k. */
    private static final int TOPK_SORT_THRESHOLD = 32;

    static void topkRows(Tensor x, int k, Tensor values, Tensor indices) {
        int rows = x.size(0);
        int n = x.size(1);
        if (k == 0) {
            return;
        }
        MemorySegment xs = x.storage().segment();
        Parallel.forRange(rows, (long) n * Math.min(k, TOPK_SORT_THRESHOLD), (s, e) -> {
            int[] best = new int[k];
            for (int r = s; r < e; r++) {
                long at = x.offset() + (long) r * n;
                if (k <= TOPK_SORT_THRESHOLD) {
                    topkBySortedList(xs, at, n, best);
                } else {
                    topkBySorting(xs, at, n, best);
                }
                for (int j = 0; j < k; j++) {
                    values.storage().segment().setAtIndex(Elements.F32, values.offset() + (long) r * k + j,
                            xs.getAtIndex(Elements.F32, at + best[j]));
                    indices.storage().segment().setAtIndex(Elements.I64, indices.offset() + (long) r * k + j, best[j]);
                }
            }
        });
    }

    /**
     * An int that orders like the float, with NaN above +infinity (torch's top-k order): the IEEE bits for
     * non-negative values, the magnitude bits flipped for negative ones.
     */
    private static int orderKey(float v) {
        int bits = Float.floatToIntBits(v); // canonical NaN 0x7fc00000 sorts above +inf 0x7f800000
        return bits >= 0 ? bits : bits ^ 0x7FFFFFFF;
    }

    /** The best.length largest of row [at, at+n) by insertion into a sorted list; ties keep the lower index first. */
    private static void topkBySortedList(MemorySegment xs, long at, int n, int[] best) {
        int k = best.length;
        int[] keys = new int[k];
        int filled = 0;
        for (int i = 0; i < n; i++) {
            int key = orderKey(xs.getAtIndex(Elements.F32, at + i));
            if (filled == k && key <= keys[k - 1]) {
                continue;
            }
            int pos = filled < k ? filled++ : k - 1;
            while (pos > 0 && key > keys[pos - 1]) {
                keys[pos] = keys[pos - 1];
                best[pos] = best[pos - 1];
                pos--;
            }
            keys[pos] = key;
            best[pos] = i;
        }
    }

    /** The best.length largest of the row by sorting (descending key, then ascending index) packed into longs. */
    private static void topkBySorting(MemorySegment xs, long at, int n, int[] best) {
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = ((long) ~orderKey(xs.getAtIndex(Elements.F32, at + i)) << 32) | i;
        }
        java.util.Arrays.sort(packed);
        for (int j = 0; j < best.length; j++) {
            best[j] = (int) packed[j];
        }
    }

    static void softmaxRows(Tensor x, boolean log, Tensor out) {
        int rows = x.size(0);
        int n = x.size(1);
        MemorySegment xs = x.storage().segment();
        MemorySegment os = out.storage().segment();
        Parallel.forRange(rows, 8L * n, (s, e) -> {
            for (int r = s; r < e; r++) {
                softmaxRow(xs, x.offset() + (long) r * n, os, out.offset() + (long) r * n, n, log);
            }
        });
    }

    /**
     * One softmax row. The passes are small static methods rather than one lambda body: each Vector API call
     * nests several frames deep, and past C2's inlining depth the vectors are boxed (measured 3x slower).
     */
    private static void softmaxRow(MemorySegment xs, long in, MemorySegment os, long o, int n, boolean log) {
        float m = max(xs, in, n);
        if (m == Float.NEGATIVE_INFINITY) {
            m = 0f; // a fully masked row: exp(-inf) = 0 everywhere, giving NaN as PyTorch does
        }
        float total = expShifted(xs, in, os, o, n, m, !log);
        if (log) {
            addTo(xs, in, os, o, n, -(m + (float) Math.log(total)));
        } else {
            scale(os, o, n, 1f / total);
        }
    }

    /** Sum of exp(x[i] - m) over the row, also storing each term at {@code os[o + i]} when {@code store}. */
    static float expShifted(MemorySegment xs, long in, MemorySegment os, long o, int n, float m, boolean store) {
        FloatVector vm = FloatVector.broadcast(F, m);
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            FloatVector ex = VectorMath.expNonPositive(FloatVector.fromMemorySegment(F, xs, (in + i) * 4, LE).sub(vm));
            acc = acc.add(ex);
            if (store) {
                ex.intoMemorySegment(os, (o + i) * 4, LE);
            }
        }
        float total = VectorMath.sum(acc);
        for (; i < n; i++) {
            float ex = (float) Math.exp(xs.getAtIndex(Elements.F32, in + i) - m);
            total += ex;
            if (store) {
                os.setAtIndex(Elements.F32, o + i, ex);
            }
        }
        return total;
    }

    /** os[o + i] = xs[in + i] + shift. */
    private static void addTo(MemorySegment xs, long in, MemorySegment os, long o, int n, float shift) {
        FloatVector vs = FloatVector.broadcast(F, shift);
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            FloatVector.fromMemorySegment(F, xs, (in + i) * 4, LE).add(vs).intoMemorySegment(os, (o + i) * 4, LE);
        }
        for (; i < n; i++) {
            os.setAtIndex(Elements.F32, o + i, xs.getAtIndex(Elements.F32, in + i) + shift);
        }
    }

    static void scale(MemorySegment s, long at, int n, float factor) {
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            FloatVector.fromMemorySegment(F, s, (at + i) * 4, LE).mul(factor).intoMemorySegment(s, (at + i) * 4, LE);
        }
        for (; i < n; i++) {
            s.setAtIndex(Elements.F32, at + i, s.getAtIndex(Elements.F32, at + i) * factor);
        }
    }

    static void rmsNormRows(Tensor x, Tensor weight, float eps, float weightOffset, Tensor out) {
        int rows = x.size(0);
        int n = x.size(1);
        float[] w = widen(weight, weightOffset);
        MemorySegment xs = x.storage().segment();
        MemorySegment os = out.storage().segment();
        Parallel.forRange(rows, 4L * n, (s, e) -> {
            for (int r = s; r < e; r++) {
                long in = x.offset() + (long) r * n;
                long o = out.offset() + (long) r * n;
                FloatVector acc = FloatVector.zero(F);
                int i = 0;
                for (int upper = F.loopBound(n); i < upper; i += F.length()) {
                    FloatVector v = FloatVector.fromMemorySegment(F, xs, (in + i) * 4, LE);
                    acc = v.fma(v, acc);
                }
                float ss = VectorMath.sum(acc);
                for (; i < n; i++) {
                    float v = xs.getAtIndex(Elements.F32, in + i);
                    ss += v * v;
                }
                float inv = (float) (1.0 / Math.sqrt(ss / n + eps));
                i = 0;
                for (int upper = F.loopBound(n); i < upper; i += F.length()) {
                    FloatVector v = FloatVector.fromMemorySegment(F, xs, (in + i) * 4, LE);
                    v.mul(inv).mul(FloatVector.fromArray(F, w, i)).intoMemorySegment(os, (o + i) * 4, LE);
                }
                for (; i < n; i++) {
                    os.setAtIndex(Elements.F32, o + i, xs.getAtIndex(Elements.F32, in + i) * inv * w[i]);
                }
            }
        });
    }

    static void layerNormRows(Tensor x, Tensor weight, Tensor bias, float eps, Tensor out) {
        int rows = x.size(0);
        int n = x.size(1);
        float[] w = widen(weight, 0f);
        float[] b = bias == null ? new float[n] : widen(bias, 0f);
        MemorySegment xs = x.storage().segment();
        MemorySegment os = out.storage().segment();
        Parallel.forRange(rows, 6L * n, (s, e) -> {
            for (int r = s; r < e; r++) {
                long in = x.offset() + (long) r * n;
                float mean = sum(xs, in, n) / n;
                float rstd = inverseStd(xs, in, n, mean, eps);
                normalize(xs, in, n, mean, rstd, w, b, os, out.offset() + (long) r * n);
            }
        });
    }

    /** 1 / sqrt(var + eps) of the row, with the biased variance mean((x - mean)^2) summed in a second pass. */
    static float inverseStd(MemorySegment xs, long at, int n, float mean, float eps) {
        FloatVector vm = FloatVector.broadcast(F, mean);
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            FloatVector d = FloatVector.fromMemorySegment(F, xs, (at + i) * 4, LE).sub(vm);
            acc = d.fma(d, acc);
        }
        float varSum = VectorMath.sum(acc);
        for (; i < n; i++) {
            float d = xs.getAtIndex(Elements.F32, at + i) - mean;
            varSum += d * d;
        }
        return (float) (1.0 / Math.sqrt(varSum / n + eps));
    }

    /** os[o + i] = (x[i] - mean) * rstd * w[i] + b[i]. */
    private static void normalize(MemorySegment xs, long in, int n, float mean, float rstd, float[] w, float[] b,
            MemorySegment os, long o) {
        FloatVector vm = FloatVector.broadcast(F, mean);
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            FloatVector xhat = FloatVector.fromMemorySegment(F, xs, (in + i) * 4, LE).sub(vm).mul(rstd);
            xhat.fma(FloatVector.fromArray(F, w, i), FloatVector.fromArray(F, b, i))
                    .intoMemorySegment(os, (o + i) * 4, LE);
        }
        for (; i < n; i++) {
            float xhat = (xs.getAtIndex(Elements.F32, in + i) - mean) * rstd;
            os.setAtIndex(Elements.F32, o + i, xhat * w[i] + b[i]);
        }
    }

    /** A 1-D weight of any float dtype as a float array, plus {@code offset}. */
    static float[] widen(Tensor weight, float offset) {
        int n = weight.size(0);
        float[] w = new float[n];
        MemorySegment ws = weight.storage().segment();
        DType dt = weight.dtype();
        for (int i = 0; i < n; i++) {
            w[i] = Elements.readFloat(ws, dt, weight.offset() + i * weight.stride(0)) + offset;
        }
        return w;
    }
}
