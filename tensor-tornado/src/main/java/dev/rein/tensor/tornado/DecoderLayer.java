package dev.rein.tensor.tornado;

import dev.rein.models.transformer.AttentionWeights;
import dev.rein.models.transformer.DecoderBlock;
import dev.rein.models.transformer.HeadLayout;
import dev.rein.models.transformer.MlpWeights;
import dev.rein.models.transformer.NormWeights;
import dev.rein.models.transformer.QueryKeyValue;
import dev.rein.models.transformer.Rotary;
import dev.rein.tensor.BinaryOp;
import dev.rein.tensor.UnaryOp;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * One decoder block as one execution plan, built from the same {@link DecoderBlock} the CPU forward runs: its weights
 * and its part of the KV cache live on the device, and so does every activation between its kernels; only the
 * residual stream x [hidden] moves, in before and out after. The steps are the block's: norm, q/k/v (fused or not,
 * biases, q/k norms), rotary embedding, the new key and value written into the cache, attention over the cached
 * positions, output projection, post-norm, residual; then the MLP the same way.
 */
final class DecoderLayer implements AutoCloseable {
    private final DeviceGraph graph;
    private final DecoderTasks tasks;
    private final DecoderBlock block;
    private final String name;
    private final IntArray attentionParameters;

    /**
     * @param x        the residual stream [hidden], copied in and out on every run
     * @param position the position of the token, [1], copied in on every run
     */
    DecoderLayer(DecoderBlock block, int capacity, FloatArray x, IntArray position) {
        this.block = block;
        this.name = "layer" + block.layer();
        this.graph = new DeviceGraph(name);
        this.tasks = new DecoderTasks(graph);
        graph.eachRun(x, position);
        graph.results(x);
        AttentionWeights attention = block.weights().attention();
        MlpWeights mlp = block.weights().mlp();
        int hidden = x.getSize();
        FloatArray normed = graph.buffer(hidden);
        FloatArray branch = graph.buffer(hidden);

        norm(attention.norm(), x, normed, 1, hidden);
        attentionParameters = attend(attention, normed, capacity, position, branch);
        addBranch(x, branch, attention.postNorm());

        norm(mlp.norm(), x, normed, 1, hidden);
        feedForward(mlp, normed, branch);
        addBranch(x, branch, mlp.postNorm());
    }

    /**
     * out [hidden] = the attention branch on the normed input: q/k/v, q/k norms, rotary embedding, the new key and
     * value stored at the step's position, attention over the cache, output projection. Returns the attention
     * kernel's int parameters, whose key count each run sets.
     */
    private IntArray attend(AttentionWeights attention, FloatArray normed, int capacity, IntArray position,
            FloatArray out) {
        HeadLayout heads = block.heads();
        int d = heads.headDim();
        FloatArray q = graph.buffer(heads.queryWidth());
        FloatArray k = graph.buffer(heads.kvWidth());
        FloatArray v = graph.buffer(heads.kvWidth());
        projectQueryKeyValue(attention.queryKeyValue(), normed, q, k, v);
        if (attention.queryKeyNorms() != null) {
            norm(attention.queryKeyNorms().query(), q, q, heads.heads(), d);
            norm(attention.queryKeyNorms().key(), k, k, heads.kvHeads(), d);
        }
        if (block.rotary() != null) {
            Rotary rotary = block.rotary();
            RopeTables tables = RopeTables.of(positions(capacity), rotary.inverseFrequencies().toFloatArray(),
                    rotary.convention());
            FloatArray cos = graph.constants(tables.cos());
            FloatArray sin = graph.constants(tables.sin());
            FloatArray rotatedQ = graph.buffer(heads.queryWidth());
            FloatArray rotatedK = graph.buffer(heads.kvWidth());
            tasks.rope(q, rotatedQ, heads.heads(), d, rotary.convention(), position, cos, sin);
            tasks.rope(k, rotatedK, heads.kvHeads(), d, rotary.convention(), position, cos, sin);
            q = rotatedQ;
            k = rotatedK;
        }
        FloatArray keyCache = graph.buffer(heads.kvHeads() * capacity * d);
        FloatArray valueCache = graph.buffer(heads.kvHeads() * capacity * d);
        tasks.store(k, keyCache, heads.kvHeads(), d, capacity, position);
        tasks.store(v, valueCache, heads.kvHeads(), d, capacity, position);
        FloatArray z = graph.buffer(heads.queryWidth());
        IntArray parameters = tasks.attention(AttentionParameters.oneToken(heads.heads(), heads.kvHeads(), d,
                capacity, block.attention()), q, keyCache, valueCache, z);
        tasks.linear(DeviceLinear.of(attention.output(), name + " output"), z, out);
        return parameters;
    }

    /** q, k, v = the block's projections of the normed input: three, or three row slices of GPT-2's fused one. */
    private void projectQueryKeyValue(QueryKeyValue projections, FloatArray normed, FloatArray q, FloatArray k,
            FloatArray v) {
        HeadLayout heads = block.heads();
        switch (projections) {
            case QueryKeyValue.Fused fused -> {
                String label = name + " query/key/value";
                tasks.linear(DeviceLinear.slice(fused.all(), label, 0, heads.queryWidth()), normed, q);
                tasks.linear(DeviceLinear.slice(fused.all(), label, heads.keyOffset(), heads.kvWidth()), normed, k);
                tasks.linear(DeviceLinear.slice(fused.all(), label, heads.valueOffset(), heads.kvWidth()), normed, v);
            }
            case QueryKeyValue.Separate separate -> {
                tasks.linear(DeviceLinear.of(separate.query(), name + " query"), normed, q);
                tasks.linear(DeviceLinear.of(separate.key(), name + " key"), normed, k);
                tasks.linear(DeviceLinear.of(separate.value(), name + " value"), normed, v);
            }
        }
    }

    /** out = down(act(gate(normed)) * up(normed)), or down(act(up(normed))) without a gate. */
    private void feedForward(MlpWeights mlp, FloatArray normed, FloatArray out) {
        int intermediate = mlp.up().outFeatures();
        FloatArray up = graph.buffer(intermediate);
        tasks.linear(DeviceLinear.of(mlp.up(), name + " up"), normed, up);
        UnaryOp activation = block.activation();
        FloatArray inner = up;
        if (mlp.gate() != null) {
            inner = graph.buffer(intermediate);
            tasks.linear(DeviceLinear.of(mlp.gate(), name + " gate"), normed, inner);
            tasks.unary(activation, inner, intermediate);
            tasks.binary(BinaryOp.MUL, inner, up, inner, intermediate, 1);
        } else {
            tasks.unary(activation, up, intermediate);
        }
        tasks.linear(DeviceLinear.of(mlp.down(), name + " down"), inner, out);
    }

    /** x += branch, normed first by the branch's post norm where the block has one (Gemma 2/3). */
    private void addBranch(FloatArray x, FloatArray branch, NormWeights postNorm) {
        int hidden = x.getSize();
        if (postNorm != null) {
            norm(postNorm, branch, branch, 1, hidden);
        }
        tasks.binary(BinaryOp.ADD, x, branch, x, hidden, 1);
    }

    /** out = each of the rows of x [rows, n] normalised with the block's normalisation and these weights. */
    private void norm(NormWeights weights, FloatArray x, FloatArray out, int rows, int n) {
        tasks.norm(DeviceNorm.of(block.norm(), weights), x, out, rows, n);
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
