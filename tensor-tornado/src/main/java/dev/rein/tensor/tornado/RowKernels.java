package dev.rein.tensor.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Kernels over the rows of a contiguous matrix [rows, n], one work-group of {@link GroupReduce#SIZE} per row: each
 * work-item takes every SIZE-th element and the group combines their partial results ({@link GroupReduce}).
 *
 * <p>Int parameters: {@code [0]} rows, {@code [1]} n, {@code [2]} a mode (the op code, log or not, bias or not).
 * Float parameters where a kernel has them: {@code [0]} and {@code [1]} (epsilon and weight offset, or label
 * smoothing and scale).
 */
final class RowKernels {
    static final int ROWS = 0;
    static final int N = 1;
    static final int MODE = 2;

    private RowKernels() {
    }

    /** out[row] = op(x[row, :]) for a ReduceOp ordinal: sum, mean, max, min, log-sum-exp. */
    static void reduce(KernelContext context, IntArray ip, FloatArray x, FloatArray out) {
        int row = context.groupIdx;
        int lid = context.localIdx;
        int n = ip.get(N);
        int op = ip.get(MODE);
        int base = row * n;
        float[] scratch = context.allocateFloatLocalArray(GroupReduce.SIZE);
        float partial = op == 2 || op == 4 ? Float.NEGATIVE_INFINITY : (op == 3 ? Float.POSITIVE_INFINITY : 0f);
        for (int j = lid; j < n; j += GroupReduce.SIZE) {
            float v = x.get(base + j);
            if (op == 2 || op == 4) {
                partial = DeviceMath.isNaN(v) || DeviceMath.isNaN(partial) ? v + partial : TornadoMath.max(partial, v);
            } else if (op == 3) {
                partial = DeviceMath.isNaN(v) || DeviceMath.isNaN(partial) ? v + partial : TornadoMath.min(partial, v);
            } else {
                partial += v;
            }
        }
        float result;
        if (op == 2) {
            result = GroupReduce.max(context, scratch, partial);
        } else if (op == 3) {
            result = GroupReduce.min(context, scratch, partial);
        } else if (op == 4) {
            float max = GroupReduce.max(context, scratch, partial);
            float shifted = 0f;
            for (int j = lid; j < n; j += GroupReduce.SIZE) {
                shifted += TornadoMath.exp(x.get(base + j) - max);
            }
            float total = GroupReduce.sum(context, scratch, shifted);
            boolean infinite = max == Float.POSITIVE_INFINITY || max == Float.NEGATIVE_INFINITY;
            result = infinite ? max : max + TornadoMath.log(total);
        } else {
            float sum = GroupReduce.sum(context, scratch, partial);
            result = op == 1 ? sum / n : sum;
        }
        if (lid == 0) {
            out.set(row, result);
        }
    }

    /** out[row] = the index of the largest value of x[row, :], NaN counting as largest, the first on ties. */
    static void argmax(KernelContext context, IntArray ip, FloatArray x, IntArray out) {
        int row = context.groupIdx;
        int lid = context.localIdx;
        int n = ip.get(N);
        int base = row * n;
        float[] values = context.allocateFloatLocalArray(GroupReduce.SIZE);
        int[] indices = context.allocateIntLocalArray(GroupReduce.SIZE);
        float best = Float.NEGATIVE_INFINITY;
        int bestIndex = n;
        for (int j = lid; j < n; j += GroupReduce.SIZE) {
            float v = x.get(base + j);
            if (bestIndex == n || v > best || (DeviceMath.isNaN(v) && !DeviceMath.isNaN(best))) {
                best = v;
                bestIndex = j;
            }
        }
        values[lid] = best;
        indices[lid] = bestIndex;
        context.localBarrier();
        for (int step = GroupReduce.SIZE / 2; step > 0; step >>= 1) {
            if (lid < step) {
                float a = values[lid];
                float b = values[lid + step];
                int ia = indices[lid];
                int ib = indices[lid + step];
                boolean aNaN = DeviceMath.isNaN(a);
                boolean bNaN = DeviceMath.isNaN(b);
                boolean takeB = ib < n && (ia == n || (bNaN && !aNaN) || (!aNaN && !bNaN && b > a)
                        || ((bNaN == aNaN) && (aNaN || b == a) && ib < ia));
                if (takeB) {
                    values[lid] = b;
                    indices[lid] = ib;
                }
            }
            context.localBarrier();
        }
        if (lid == 0) {
            out.set(row, indices[0]);
        }
    }

    /**
     * Softmax of each row (mode 0) or log-softmax (mode 1), shifted by the row's max; a row of -inf only gives NaN,
     * as the CPU backend and PyTorch do.
     */
    static void softmax(KernelContext context, IntArray ip, FloatArray x, FloatArray out) {
        int row = context.groupIdx;
        int lid = context.localIdx;
        int n = ip.get(N);
        boolean log = ip.get(MODE) == 1;
        int base = row * n;
        float[] scratch = context.allocateFloatLocalArray(GroupReduce.SIZE);
        float partial = Float.NEGATIVE_INFINITY;
        for (int j = lid; j < n; j += GroupReduce.SIZE) {
            float v = x.get(base + j);
            partial = DeviceMath.isNaN(v) || DeviceMath.isNaN(partial) ? v + partial : TornadoMath.max(partial, v);
        }
        float max = GroupReduce.max(context, scratch, partial);
        if (max == Float.NEGATIVE_INFINITY) {
            max = 0f;
        }
        float shifted = 0f;
        for (int j = lid; j < n; j += GroupReduce.SIZE) {
            shifted += TornadoMath.exp(x.get(base + j) - max);
        }
        float total = GroupReduce.sum(context, scratch, shifted);
        float logTotal = max + TornadoMath.log(total);
        for (int j = lid; j < n; j += GroupReduce.SIZE) {
            float v = x.get(base + j);
            out.set(base + j, log ? v - logTotal : TornadoMath.exp(v - max) / total);
        }
    }

    /**
     * The backward of softmax from its output y and upstream g: {@code y * (g - sum(g * y))}, or for log-softmax
     * (mode 1) {@code g - exp(y) * sum(g)}.
     */
    static void softmaxGrad(KernelContext context, IntArray ip, FloatArray y, FloatArray g, FloatArray out) {
        int row = context.groupIdx;
        int lid = context.localIdx;
        int n = ip.get(N);
        boolean log = ip.get(MODE) == 1;
        int base = row * n;
        float[] scratch = context.allocateFloatLocalArray(GroupReduce.SIZE);
        float partial = 0f;
        for (int j = lid; j < n; j += GroupReduce.SIZE) {
            partial += log ? g.get(base + j) : g.get(base + j) * y.get(base + j);
        }
        float total = GroupReduce.sum(context, scratch, partial);
        for (int j = lid; j < n; j += GroupReduce.SIZE) {
            float yj = y.get(base + j);
            float gj = g.get(base + j);
            out.set(base + j, log ? gj - TornadoMath.exp(yj) * total : yj * (gj - total));
        }
    }

    /**
     * The gradient of the mean cross-entropy w.r.t. the logits: {@code scale * (softmax(x) - (1 - s) onehot(t) - s/n)}
     * with s the label smoothing, zeros where the target is {@code ignore} (fp [0] smoothing, [1] scale; ip [2] the
     * ignored id).
     */
    static void crossEntropyGrad(KernelContext context, IntArray ip, FloatArray fp, FloatArray x, IntArray targets,
            FloatArray out) {
        int row = context.groupIdx;
        int lid = context.localIdx;
        int n = ip.get(N);
        int base = row * n;
        int target = targets.get(row);
        float smoothing = fp.get(0);
        float scale = fp.get(1);
        float[] scratch = context.allocateFloatLocalArray(GroupReduce.SIZE);
        float partial = Float.NEGATIVE_INFINITY;
        for (int j = lid; j < n; j += GroupReduce.SIZE) {
            float v = x.get(base + j);
            partial = DeviceMath.isNaN(v) || DeviceMath.isNaN(partial) ? v + partial : TornadoMath.max(partial, v);
        }
        float max = GroupReduce.max(context, scratch, partial);
        float shifted = 0f;
        for (int j = lid; j < n; j += GroupReduce.SIZE) {
            shifted += TornadoMath.exp(x.get(base + j) - max);
        }
        float total = GroupReduce.sum(context, scratch, shifted);
        boolean ignored = target == ip.get(MODE);
        float uniform = scale * smoothing / n;
        for (int j = lid; j < n; j += GroupReduce.SIZE) {
            float grad = TornadoMath.exp(x.get(base + j) - max) * (scale / total) - uniform;
            if (j == target) {
                grad -= scale * (1f - smoothing);
            }
            out.set(base + j, ignored ? 0f : grad);
        }
    }

    /** RMS norm: {@code x * rsqrt(mean(x^2) + eps) * (offset + w)}; fp [0] eps, [1] weight offset. */
    static void rmsNorm(KernelContext context, IntArray ip, FloatArray fp, FloatArray x, FloatArray weight,
            FloatArray out) {
        int row = context.groupIdx;
        int lid = context.localIdx;
        int n = ip.get(N);
        int base = row * n;
        float[] scratch = context.allocateFloatLocalArray(GroupReduce.SIZE);
        float partial = 0f;
        for (int j = lid; j < n; j += GroupReduce.SIZE) {
            float v = x.get(base + j);
            partial += v * v;
        }
        float squares = GroupReduce.sum(context, scratch, partial);
        float inverse = 1f / TornadoMath.sqrt(squares / n + fp.get(0));
        float offset = fp.get(1);
        for (int j = lid; j < n; j += GroupReduce.SIZE) {
            out.set(base + j, x.get(base + j) * inverse * (offset + weight.get(j)));
        }
    }

    /**
     * Layer norm with the biased variance: {@code (x - mean) / sqrt(var + eps) * w + b}, b read only when mode is 1;
     * fp [0] eps. The variance is the mean of squared deviations, summed in a second pass.
     */
    static void layerNorm(KernelContext context, IntArray ip, FloatArray fp, FloatArray x, FloatArray weight,
            FloatArray bias, FloatArray out) {
        int row = context.groupIdx;
        int lid = context.localIdx;
        int n = ip.get(N);
        boolean hasBias = ip.get(MODE) == 1;
        int base = row * n;
        float[] scratch = context.allocateFloatLocalArray(GroupReduce.SIZE);
        float partial = 0f;
        for (int j = lid; j < n; j += GroupReduce.SIZE) {
            partial += x.get(base + j);
        }
        float mean = GroupReduce.sum(context, scratch, partial) / n;
        float deviations = 0f;
        for (int j = lid; j < n; j += GroupReduce.SIZE) {
            float d = x.get(base + j) - mean;
            deviations += d * d;
        }
        float inverse = 1f / TornadoMath.sqrt(GroupReduce.sum(context, scratch, deviations) / n + fp.get(0));
        for (int j = lid; j < n; j += GroupReduce.SIZE) {
            float shift = hasBias ? bias.get(j) : 0f;
            out.set(base + j, (x.get(base + j) - mean) * inverse * weight.get(j) + shift);
        }
    }
}
