package dev.rein.tensor;

/**
 * The small set of primitives a compute backend implements; every other op is composed from these once, in
 * the op classes. Operands arrive already checked and broadcast by the caller: shapes match as documented,
 * inputs may have any strides (views, including stride 0 from broadcasting) unless a method says
 * "contiguous", and outputs are freshly allocated contiguous F32 tensors unless stated otherwise.
 * A backend is tested by running the same inputs through it and through {@code CpuBackend}.
 */
public interface Backend {

    /** A short name for logs and {@code rein bench}. */
    String name();

    /** {@code dst[i] = src[i]} for every index; same shape; both any strides and any dtypes (converted). */
    void copy(Tensor src, Tensor dst);

    /** {@code out = op(x)}; x F32. */
    void unary(UnaryOp op, Tensor x, Tensor out);

    /**
     * {@code out = op(a, b)}; a, b F32 with out's shape (broadcast views). {@code out} may be {@code a} itself (an
     * in-place update: every element is read before it is written).
     */
    void binary(BinaryOp op, Tensor a, Tensor b, Tensor out);

    /**
     * The backward of {@link #unary}: {@code out = g * op'(x)} element-wise; x and g F32 with out's shape (any
     * strides). The derivative is computed from x (exp, tanh and sigmoid recompute their value).
     */
    void unaryGrad(UnaryOp op, Tensor x, Tensor g, Tensor out);

    /** {@code out = cond ? a : b}; cond BOOL, a and b F32, all with out's shape (broadcast views). */
    void where(Tensor cond, Tensor a, Tensor b, Tensor out);

    /** Reduces each row of x [rows, n] (contiguous F32) into out [rows]. */
    void reduceRows(ReduceOp op, Tensor x, Tensor out);

    /** Index of the largest value of each row of x [rows, n] (contiguous F32; first on ties) into out [rows] I64. */
    void argmaxRows(Tensor x, Tensor out);

    /**
     * The k largest values of each row of x [rows, n] (contiguous F32), descending, into values [rows, k] F32
     * and their indices into indices [rows, k] I64; ties keep the lower index first.
     */
    void topkRows(Tensor x, int k, Tensor values, Tensor indices);

    /**
     * Batched matrix product {@code out[b] = a[b] @ w[b]}: a [B, M, K] F32, w [B, K, N] in F32, BF16 or F16
     * (widened in registers), out [B, M, N]. Any strides, so transposed operands need no copy; batch broadcast
     * arrives as stride 0. w may also be block-quantised ({@link DType#isBlockQuantized()}), its unit-stride dim
     * (K or N) the one its blocks run along; a backend without kernels for that may refuse it.
     */
    void matmul(Tensor a, Tensor w, Tensor out);

    /** Softmax or log-softmax ({@code op}) of each row of x [rows, n] (contiguous F32), numerically stable. */
    void softmaxRows(SoftmaxOp op, Tensor x, Tensor out);

    /**
     * The backward of {@link #softmaxRows} from its output y and the upstream gradient g (both [rows, n] contiguous
     * F32): {@code out = y * (g - sum(g * y))} per row, or for log-softmax {@code out = g - exp(y) * sum(g)}.
     */
    void softmaxGradRows(SoftmaxOp op, Tensor y, Tensor g, Tensor out);

    /**
     * The gradient of the mean cross-entropy with respect to logits x [rows, n] (contiguous F32): row i of out is
     * {@code scale * (softmax(x_i) - (1 - smoothing) one_hot(target_i) - smoothing / n)}, and zeros where
     * {@code target_i} is {@link NeuralOps#IGNORE_INDEX}. targets [rows] I64, each in [0, n) or ignored.
     */
    void crossEntropyGradRows(Tensor x, Tensor targets, float labelSmoothing, float scale, Tensor out);

    /**
     * RMS norm of each row: {@code out = x * rsqrt(mean(x^2) + eps) * (weightOffset + w)}; x [rows, n] contiguous
     * F32, weight [n] any float dtype. weightOffset is 0 (Llama) or 1 (Gemma's (1 + w)).
     */
    void rmsNormRows(Tensor x, Tensor weight, float eps, float weightOffset, Tensor out);

    /**
     * Layer norm of each row with biased variance: {@code out = (x - mean) / sqrt(var + eps) * w + b};
     * x [rows, n] contiguous F32, weight and bias [n] any float dtype, bias may be null.
     */
    void layerNormRows(Tensor x, Tensor weight, Tensor bias, float eps, Tensor out);

    /**
     * The backward of {@link #layerNormRows} for the upstream gradient g [rows, n] (contiguous F32): dx [rows, n],
     * and the weight and bias gradients [n] summed over the rows (F32, overwritten). Any of the three outputs may be
     * null when that gradient is not wanted.
     */
    void layerNormGradRows(Tensor x, Tensor weight, float eps, Tensor g, Tensor dx, Tensor dWeight, Tensor dBias);

    /**
     * The backward of {@link #rmsNormRows} for the upstream gradient g [rows, n] (contiguous F32): dx [rows, n] and
     * the weight gradient [n] summed over the rows (F32, overwritten). Either output may be null when that gradient
     * is not wanted.
     */
    void rmsNormGradRows(Tensor x, Tensor weight, float eps, float weightOffset, Tensor g, Tensor dx, Tensor dWeight);

    /**
     * Rotary position embedding: x [B, H, T, D] F32 (any strides), positions [B, T] I64, invFreq [D/2] F32
     * (theta^(-2i/D), possibly rescaled); pairs features by {@code convention}.
     */
    void rope(Tensor x, Tensor positions, Tensor invFreq, RopeConvention convention, Tensor out);

    /**
     * Scaled dot-product attention: q [B, Hq, Tq, D], k [B, Hkv, Tk, D], v [B, Hkv, Tk, Dv] (F32, any strides,
     * so a KV cache can be passed as a view), Hq a multiple of Hkv (grouped-query heads share a KV head),
     * mask an additive F32 view with shape [B, Hq, Tq, Tk] or null, out [B, Hq, Tq, Dv]. The queries are the
     * last Tq positions of the Tk keys, which is also the one-new-token KV-cache path (Tq = 1).
     */
    void attention(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor out);

    /**
     * The backward of {@link #attention} for the upstream gradient dOut [B, Hq, Tq, Dv]: dq [B, Hq, Tq, D],
     * dk [B, Hkv, Tk, D] and dv [B, Hkv, Tk, Dv] (F32, any strides, every element overwritten), with the operands as
     * there; the probabilities are recomputed from q and k.
     */
    void attentionGrad(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor dOut, Tensor dq,
            Tensor dk, Tensor dv);

    /**
     * {@code out[..., j, ...] = x[..., index[..., j, ...], ...]} along {@code dim} (PyTorch gather): index I32/I64
     * with out's shape, x F32 with the same rank and sizes >= index's in the other dims.
     */
    void gather(Tensor x, int dim, Tensor index, Tensor out);

    /**
     * {@code target[..., index[..., j, ...], ...] += src[..., j, ...]} along {@code dim} (PyTorch scatter_add_),
     * in place on target (contiguous F32); index I32/I64 with src's shape.
     */
    void scatterAdd(Tensor target, int dim, Tensor index, Tensor src);

    /** Rows of table [V, D] (contiguous, any float dtype) picked by ids [N] (I32/I64) into out [N, D] F32. */
    void indexSelectRows(Tensor table, Tensor ids, Tensor out);
}
