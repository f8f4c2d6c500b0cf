package dev.rein.tensor.tornado;

import dev.rein.tensor.BinaryOp;
import dev.rein.tensor.RopeConvention;
import dev.rein.tensor.UnaryOp;
import java.util.List;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The steps of one token's pass through the model as tasks of a {@link DeviceGraph}, on vectors that stay on the
 * device: the same kernels the backend launches one by one, here bound once to the graph's arrays.
 */
final class DecoderTasks {
    private static final int LINEAR = 256;
    private static final int COLUMNS = 64;
    private static final int ROW_GROUP = GroupReduce.SIZE;

    private final DeviceGraph graph;
    private final FloatArray powers;

    DecoderTasks(DeviceGraph graph) {
        this.graph = graph;
        this.powers = graph.constants(DeviceMath.powersOfTwo());
    }

    /** out = each of the {@code rows} rows of x [rows, n] normalised; in place when out is x. */
    void norm(DeviceNorm norm, FloatArray x, FloatArray out, int rows, int n) {
        graph.keep(norm.weight(), norm.bias());
        if (norm.layerNorm()) {
            IntArray ip = graph.constants(new RowParameters(rows, n, norm.hasBias() ? 1 : 0).values());
            FloatArray fp = graph.constants(norm.eps());
            graph.task("layerNorm", (long) rows * ROW_GROUP, 1, ROW_GROUP, 1, (g, id, c) -> g.task(id,
                    RowKernels::layerNorm, c, ip, fp, x, norm.weight(), norm.bias(), out));
        } else {
            IntArray ip = graph.constants(new RowParameters(rows, n, 0).values());
            FloatArray fp = graph.constants(norm.eps(), norm.weightOffset());
            graph.task("rmsNorm", (long) rows * ROW_GROUP, 1, ROW_GROUP, 1, (g, id, c) -> g.task(id,
                    RowKernels::rmsNorm, c, ip, fp, x, norm.weight(), out));
        }
    }

    /** out = W x (+ b). */
    void linear(DeviceLinear linear, FloatArray x, FloatArray out) {
        DeviceMatrix m = linear.matrix();
        graph.keep(m.wide(), m.narrow());
        IntArray ip = graph.constants(new ColumnParameters(1, m.in(), m.out(), m.dtype()).values());
        graph.task("linear", m.out(), 1, COLUMNS, 1, (g, id, c) -> g.task(id, MatMulKernels::columns, c, ip, x,
                m.wide(), m.narrow(), powers, out));
        if (linear.bias() != null) {
            graph.keep(linear.bias());
            binary(BinaryOp.ADD, out, linear.bias(), out, m.out(), 1);
        }
    }

    /** out = a op b element-wise over n values; b's stride 0 reads one value for all. */
    void binary(BinaryOp op, FloatArray a, FloatArray b, FloatArray out, int n, int bStride) {
        IntArray ip = graph.constants(new BroadcastParameters(n, op.ordinal(), new int[] {n},
                List.of(new int[] {1}, new int[] {bStride})).values());
        graph.task("binary", n, 1, LINEAR, 1, (g, id, c) -> g.task(id, ElementwiseKernels::binary, c, ip, a, b, out));
    }

    /** x = op(x) over n values. */
    void unary(UnaryOp op, FloatArray x, int n) {
        IntArray ip = graph.constants(new UnaryParameters(n, op).values());
        graph.task("unary", n, 1, LINEAR, 1, (g, id, c) -> g.task(id, ElementwiseKernels::unary, c, ip, x, x));
    }

    /**
     * out = x [heads, D] rotated to the position in {@code position[0]}, by the tables [capacity, D] of
     * {@link RopeTables} (made for the same convention).
     */
    void rope(FloatArray x, FloatArray out, int heads, int d, RopeConvention convention, IntArray position,
            FloatArray cos, FloatArray sin) {
        IntArray ip = graph.constants(new RopeParameters(1, heads, 1, d, convention).values());
        graph.task("rope", (long) heads * d, 1, LINEAR, 1, (g, id, c) -> g.task(id, AttentionKernels::rope, c, ip, x,
                position, cos, sin, out));
    }

    /** cache [heads, rows, D] at row {@code position[0]} = x [heads, D]. */
    void store(FloatArray x, FloatArray cache, int heads, int d, int rows, IntArray position) {
        IntArray ip = graph.constants(new StoreParameters(heads, d, rows).values());
        graph.task("store", (long) heads * d, 1, LINEAR, 1, (g, id, c) -> g.task(id, AttentionKernels::store, c, ip,
                position, x, cache));
    }

    /**
     * out [Hq, D] = attention of q [Hq, D] over the first keys of the caches [Hkv, rows, D], no mask. Returns the
     * kernel's int parameters, copied to the device before every run: the caller sets the count of filled cache rows
     * at {@link AttentionKernels#KEYS} before each.
     */
    IntArray attention(AttentionParameters parameters, FloatArray q, FloatArray keys, FloatArray values,
            FloatArray out) {
        IntArray ip = IntArray.fromArray(parameters.ints());
        graph.eachRun(ip);
        FloatArray fp = graph.constants(parameters.floats());
        FloatArray scores = graph.buffer(parameters.queryHeads() * parameters.kvRows());
        FloatArray noMask = graph.buffer(1);
        graph.task("attention", (long) parameters.queryHeads() * ROW_GROUP, 1, ROW_GROUP, 1, (g, id, c) -> g.task(id,
                AttentionKernels::attention, c, ip, fp, q, keys, values, noMask, scores, out));
        return ip;
    }
}
