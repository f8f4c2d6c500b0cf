package dev.rein.tensor.tornado;

import dev.rein.formats.config.Activation;
import dev.rein.formats.config.ModelConfig;
import dev.rein.models.transformer.AttentionWeights;
import dev.rein.models.transformer.LayerWeights;
import dev.rein.models.transformer.MlpWeights;
import dev.rein.models.transformer.Normalization;
import dev.rein.models.transformer.QueryKeyValue;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.BinaryOp;
import dev.rein.tensor.RopeConvention;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.UnaryOp;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * One decoder block as one execution plan: its weights and its part of the KV cache live on the device, and so does
 * every activation between its kernels; only the residual stream x [hidden] moves, in before and out after. The
 * steps follow {@link Transformer}'s block: norm, q/k/v (biases, q/k norms), rotary embedding, the new key and value
 * written into the cache, attention over the cached positions, output projection, post-norm, residual; then the MLP
 * the same way.
 */
final class DecoderLayer implements AutoCloseable {
    private final DeviceGraph graph;
    private final IntArray attentionParameters;

    /**
     * @param x        the residual stream, copied in and out on every run
     * @param position the position of the token, [1], copied in on every run
     */
    DecoderLayer(Transformer model, int layer, int capacity, FloatArray x, IntArray position) {
        ModelConfig config = model.config();
        LayerWeights w = model.weights().layers().get(layer);
        Normalization normalization = Normalization.of(config);
        var attention = config.attention();
        int hidden = config.hiddenSize();
        int heads = attention.numHeads();
        int kvHeads = attention.numKvHeads();
        int d = attention.headDim();
        String name = "layer" + layer;

        graph = new DeviceGraph(name);
        AttentionSpec spec = model.attentionSpec(layer);
        attentionParameters = new IntArray(AttentionKernels.KV_ROWS + 1);
        int[] shape = {1, heads, 1, d, kvHeads, 0, d, 1, spec.slidingWindow(), 0};
        for (int i = 0; i < shape.length; i++) {
            attentionParameters.set(i, shape[i]);
        }
        attentionParameters.set(AttentionKernels.KV_ROWS, capacity);
        graph.eachRun(x, position, attentionParameters);
        graph.results(x);
        DecoderTasks tasks = new DecoderTasks(graph);

        FloatArray normed = graph.buffer(hidden);
        FloatArray q = graph.buffer(heads * d);
        FloatArray k = graph.buffer(kvHeads * d);
        FloatArray v = graph.buffer(kvHeads * d);
        AttentionWeights a = w.attention();
        tasks.norm(DeviceNorm.of(normalization, a.norm()), x, normed, 1, hidden);
        switch (a.queryKeyValue()) {
            case QueryKeyValue.Fused fused -> {
                String label = name + " query/key/value";
                tasks.linear(DeviceLinear.slice(fused.all(), label, 0, heads * d), normed, q);
                tasks.linear(DeviceLinear.slice(fused.all(), label, heads * d, kvHeads * d), normed, k);
                tasks.linear(DeviceLinear.slice(fused.all(), label, (heads + kvHeads) * d, kvHeads * d), normed, v);
            }
            case QueryKeyValue.Separate separate -> {
                tasks.linear(DeviceLinear.of(separate.query(), name + " query"), normed, q);
                tasks.linear(DeviceLinear.of(separate.key(), name + " key"), normed, k);
                tasks.linear(DeviceLinear.of(separate.value(), name + " value"), normed, v);
            }
        }
        if (a.queryKeyNorms() != null) {
            tasks.norm(DeviceNorm.of(normalization, a.queryKeyNorms().query()), q, q, heads, d);
            tasks.norm(DeviceNorm.of(normalization, a.queryKeyNorms().key()), k, k, kvHeads, d);
        }
        FloatArray rotatedQ = q;
        FloatArray rotatedK = k;
        Tensor invFreq = model.inverseFrequencies(layer);
        if (invFreq != null) {
            RopeTables tables = RopeTables.of(positions(capacity), invFreq.toFloatArray(), RopeConvention.HALF_SPLIT);
            FloatArray cos = graph.constants(tables.cos());
            FloatArray sin = graph.constants(tables.sin());
            rotatedQ = graph.buffer(heads * d);
            rotatedK = graph.buffer(kvHeads * d);
            tasks.rope(q, rotatedQ, heads, d, position, cos, sin);
            tasks.rope(k, rotatedK, kvHeads, d, position, cos, sin);
        }
        FloatArray keyCache = graph.buffer(kvHeads * capacity * d);
        FloatArray valueCache = graph.buffer(kvHeads * capacity * d);
        tasks.store(rotatedK, keyCache, kvHeads, d, capacity, position);
        tasks.store(v, valueCache, kvHeads, d, capacity, position);
        FloatArray z = graph.buffer(heads * d);
        tasks.attention(attentionParameters, graph.constants(spec.scale(), spec.softcap()), rotatedQ, keyCache,
                valueCache, graph.buffer(heads * capacity), z, heads);

        FloatArray branch = graph.buffer(hidden);
        tasks.linear(DeviceLinear.of(a.output(), name + " output"), z, branch);
        if (a.postNorm() != null) {
            tasks.norm(DeviceNorm.of(normalization, a.postNorm()), branch, branch, 1, hidden);
        }
        tasks.binary(BinaryOp.ADD, x, branch, x, hidden, 1);

        MlpWeights m = w.mlp();
        tasks.norm(DeviceNorm.of(normalization, m.norm()), x, normed, 1, hidden);
        int intermediate = m.up().outFeatures();
        FloatArray up = graph.buffer(intermediate);
        tasks.linear(DeviceLinear.of(m.up(), name + " up"), normed, up);
        UnaryOp activation = activation(config.activation());
        FloatArray inner = up;
        if (m.gate() != null) {
            inner = graph.buffer(intermediate);
            tasks.linear(DeviceLinear.of(m.gate(), name + " gate"), normed, inner);
            tasks.unary(activation, inner, intermediate);
            tasks.binary(BinaryOp.MUL, inner, up, inner, intermediate, 1);
        } else {
            tasks.unary(activation, up, intermediate);
        }
        tasks.linear(DeviceLinear.of(m.down(), name + " down"), inner, branch);
        if (m.postNorm() != null) {
            tasks.norm(DeviceNorm.of(normalization, m.postNorm()), branch, branch, 1, hidden);
        }
        tasks.binary(BinaryOp.ADD, x, branch, x, hidden, 1);
    }

    private static UnaryOp activation(Activation activation) {
        return switch (activation) {
            case GELU -> UnaryOp.GELU_ERF;
            case GELU_TANH -> UnaryOp.GELU_TANH;
            case SILU -> UnaryOp.SILU;
            case RELU -> UnaryOp.RELU;
        };
    }

    private static long[] positions(int capacity) {
        long[] positions = new long[capacity];
        for (int i = 0; i < capacity; i++) {
            positions[i] = i;
        }
        return positions;
    }

    /** Runs the block for the token at {@code position} (its keys and values join the cache there). */
    void run(int position) {
        attentionParameters.set(AttentionKernels.KEYS, position + 1);
        graph.run();
    }

    @Override
    public void close() {
        graph.close();
    }
}
