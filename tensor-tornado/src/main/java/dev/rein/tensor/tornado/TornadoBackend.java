package dev.rein.tensor.tornado;

import static dev.rein.tensor.tornado.ArraySpec.in;
import static dev.rein.tensor.tornado.ArraySpec.keep;
import static dev.rein.tensor.tornado.ArraySpec.out;
import static dev.rein.tensor.tornado.KernelPlan.TASK;

import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.Backend;
import dev.rein.tensor.BinaryOp;
import dev.rein.tensor.DType;
import dev.rein.tensor.NeuralOps;
import dev.rein.tensor.ReduceOp;
import dev.rein.tensor.RopeConvention;
import dev.rein.tensor.SoftmaxOp;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.UnaryOp;
import dev.rein.tensor.cpu.CpuBackend;
import java.util.Arrays;
import java.util.List;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.common.TornadoDevice;

/**
 * The tensor primitives on an accelerator through TornadoVM (OpenCL, PTX or SPIR-V, whichever TornadoVM was built
 * with): each primitive copies its operands into device arrays, launches a kernel and copies the result back. Weights
 * in read-only memory (memory-mapped checkpoints) are copied to the device on first use and stay there
 * ({@link ResidentPlans}), so a product with a weight moves only its activations.
 *
 * <p>Kept on the CPU backend, by design: {@link #copy} (a strided copy or dtype conversion between two host tensors is
 * memory traffic the device would only add transfers to) and the training-only kernels whose device versions need
 * atomics or sorting ({@link #topkRows}, {@link #layerNormGradRows}, {@link #attentionGrad}, {@link #scatterAdd}).
 *
 * <p>Calls are serialised: one TornadoVM plan runs at a time.
 */
public final class TornadoBackend implements Backend, AutoCloseable {
    /** Work-items per group of the element-wise kernels. */
    private static final int LINEAR = 256;
    /** Rows of activations per launch of a product with a resident weight. */
    private static final int RESIDENT_ROWS = 16;
    /** Ids per launch of an embedding lookup in a resident table. */
    private static final int RESIDENT_IDS = 256;
    private static final int ROW_GROUP = GroupReduce.SIZE;

    /** The table of {@link DeviceMath#widen}, kept on the device by every plan that reads 16-bit values. */
    private static final Tensor POWERS_OF_TWO = Tensor.of(DeviceMath.powersOfTwo());

    private final CpuBackend cpu = CpuBackend.instance();
    private final PlanCache plans = new PlanCache();
    private final ResidentPlans resident = new ResidentPlans();
    private final String name;

    /**
     * Starts on TornadoVM's default device.
     *
     * @throws IllegalStateException when the JVM was not started with TornadoVM's runtime (see docs/gpu.md)
     */
    public TornadoBackend() {
        TornadoSettings.apply();
        TornadoDevice device;
        try {
            device = TornadoExecutionPlan.DEFAULT_DEVICE;
        } catch (LinkageError e) {
            throw TornadoSettings.runtimeMissing(e);
        }
        this.name = "tornado (" + device.getTornadoVMBackend() + ": " + device.getPhysicalDevice().getDeviceName()
                + ")";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        cpu.copy(src, dst);
    }

    @Override
    public synchronized void unary(UnaryOp op, Tensor x, Tensor out) {
        long n = out.numel();
        BoundPlan p = plans.get("unary", (g, c, a) -> g.task(TASK, ElementwiseKernels::unary, c, a.ints(), a.f32(0),
                a.f32(1)), in(DType.F32, n), out(DType.F32, n));
        p.ints(new UnaryParameters((int) n, op).values());
        p.put(0, x);
        p.launch(n, 1, LINEAR, 1);
        p.take(1, out);
    }

    @Override
    public synchronized void unaryGrad(UnaryOp op, Tensor x, Tensor g, Tensor out) {
        long n = out.numel();
        BoundPlan p = plans.get("unaryGrad", (graph, c, a) -> graph.task(TASK, ElementwiseKernels::unaryGrad, c,
                a.ints(), a.f32(0), a.f32(1), a.f32(2)), in(DType.F32, n), in(DType.F32, n), out(DType.F32, n));
        p.ints(new UnaryParameters((int) n, op).values());
        p.put(0, x);
        p.put(1, g);
        p.launch(n, 1, LINEAR, 1);
        p.take(2, out);
    }

    @Override
    public synchronized void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        BroadcastOperand left = BroadcastOperand.of(a);
        BroadcastOperand right = BroadcastOperand.of(b);
        long n = out.numel();
        BoundPlan p = plans.get("binary", (g, c, arrays) -> g.task(TASK, ElementwiseKernels::binary, c,
                arrays.ints(), arrays.f32(0), arrays.f32(1), arrays.f32(2)),
                in(DType.F32, left.compact().numel()), in(DType.F32, right.compact().numel()), out(DType.F32, n));
        p.ints(broadcast(out, op.ordinal(), left, right).values());
        p.put(0, left.compact());
        p.put(1, right.compact());
        p.launch(n, 1, LINEAR, 1);
        p.take(2, out);
    }

    @Override
    public synchronized void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        BroadcastOperand test = BroadcastOperand.of(cond);
        BroadcastOperand left = BroadcastOperand.of(a);
        BroadcastOperand right = BroadcastOperand.of(b);
        long n = out.numel();
        BoundPlan p = plans.get("where", (g, c, arrays) -> g.task(TASK, ElementwiseKernels::where, c,
                arrays.ints(), arrays.bool(0), arrays.f32(1), arrays.f32(2), arrays.f32(3)),
                in(DType.BOOL, test.compact().numel()), in(DType.F32, left.compact().numel()),
                in(DType.F32, right.compact().numel()), out(DType.F32, n));
        p.ints(broadcast(out, 0, test, left, right).values());
        p.put(0, test.compact());
        p.put(1, left.compact());
        p.put(2, right.compact());
        p.launch(n, 1, LINEAR, 1);
        p.take(3, out);
    }

    /** The element-wise kernels' parameters for {@code out} and its operands, in order. */
    private static BroadcastParameters broadcast(Tensor out, int op, BroadcastOperand... operands) {
        return new BroadcastParameters((int) out.numel(), op, out.shape(),
                Arrays.stream(operands).map(BroadcastOperand::strides).toList());
    }

    @Override
    public synchronized void reduceRows(ReduceOp op, Tensor x, Tensor out) {
        BoundPlan p = rowPlan("reduce", x, out.numel(), (g, c, a) -> g.task(TASK, RowKernels::reduce, c, a.ints(),
                a.f32(0), a.f32(1)));
        runRows(p, x, op.ordinal(), 1, out);
    }

    @Override
    public synchronized void argmaxRows(Tensor x, Tensor out) {
        int rows = x.size(0);
        BoundPlan p = plans.get("argmax", (g, c, a) -> g.task(TASK, RowKernels::argmax, c, a.ints(), a.f32(0),
                a.i32(1)), in(DType.F32, x.numel()), out(DType.I32, rows));
        runRows(p, x, 0, 1, out);
    }

    @Override
    public synchronized void topkRows(Tensor x, int k, Tensor values, Tensor indices) {
        cpu.topkRows(x, k, values, indices);
    }

    @Override
    public synchronized void matmul(Tensor a, Tensor w, Tensor out) {
        boolean oneWeight = w.size(0) == 1 || w.stride(0) == 0;
        if (oneWeight && ResidentPlans.canHold(w)) {
            matmulResident(a, w.select(0, 0), out);
        } else {
            matmulTiled(a, w, out);
        }
    }

    /** a [B, M, K] @ w [K, N] with w kept on the device, RESIDENT_ROWS rows of a per launch. */
    private void matmulResident(Tensor a, Tensor w, Tensor out) {
        int k = w.size(0);
        int n = w.size(1);
        int rows = a.size(0) * a.size(1);
        Tensor a2 = a.reshape(rows, k);
        Tensor out2 = out.reshape(rows, n);
        boolean wide = w.dtype() == DType.F32;
        BoundPlan p = resident.get(w, "matmulResident", (g, c, arrays) -> g.task(TASK, MatMulKernels::columns, c,
                arrays.ints(), arrays.f32(0), arrays.f32(1), arrays.narrow(2), arrays.f32(3), arrays.f32(4)),
                plan -> {
                    plan.put(wide ? 1 : 2, w);
                    plan.put(3, POWERS_OF_TWO);
                },
                in(DType.F32, (long) RESIDENT_ROWS * k), keep(DType.F32, wide ? (long) k * n : 1),
                keep(narrowType(w), wide ? 1 : (long) k * n), keep(DType.F32, 256),
                out(DType.F32, (long) RESIDENT_ROWS * n));
        for (int r = 0; r < rows; r += RESIDENT_ROWS) {
            int count = Math.min(RESIDENT_ROWS, rows - r);
            p.ints(new ColumnParameters(count, k, n, dtypeCode(w.dtype())).values());
            p.put(0, a2.narrow(0, r, count));
            p.launch(n, count, 64, 1);
            p.take(4, out2.narrow(0, r, count));
        }
    }

    /** a [B, M, K] @ w [B, K, N], both staged (a batch of one when broadcast), tiled in local memory. */
    private void matmulTiled(Tensor a, Tensor w, Tensor out) {
        int batch = out.size(0);
        int m = out.size(1);
        int n = out.size(2);
        int k = a.size(2);
        Tensor aStaged = a.stride(0) == 0 ? a.narrow(0, 0, 1) : a;
        Tensor wStaged = w.stride(0) == 0 ? w.narrow(0, 0, 1) : w;
        boolean wide = w.dtype() == DType.F32;
        BoundPlan p = plans.get("matmulTiled", (g, c, arrays) -> g.task(TASK, MatMulKernels::tiled, c,
                arrays.ints(), arrays.f32(0), arrays.f32(1), arrays.narrow(2), arrays.f32(3), arrays.f32(4)),
                in(DType.F32, aStaged.numel()), wide ? in(DType.F32, wStaged.numel()) : keep(DType.F32, 1),
                wide ? keep(DType.BF16, 1) : in(w.dtype(), wStaged.numel()), keep(DType.F32, 256),
                out(DType.F32, out.numel()));
        int aBatchStride = aStaged.size(0) == 1 ? 0 : m * k;
        int wBatchStride = wStaged.size(0) == 1 ? 0 : k * n;
        p.ints(new TiledParameters(batch, m, k, n, aBatchStride, wBatchStride, dtypeCode(w.dtype())).values());
        p.put(0, aStaged);
        p.put(wide ? 1 : 2, wStaged);
        p.put(3, POWERS_OF_TWO);
        int tile = MatMulKernels.TILE;
        p.launch(n, (long) batch * ((m + tile - 1) / tile) * tile, tile, tile);
        p.take(4, out);
    }

    /** The type of the 16-bit array of a plan: the weight's own, or a placeholder's when the weight is F32. */
    private static DType narrowType(Tensor weight) {
        return weight.dtype() == DType.F32 ? DType.BF16 : weight.dtype();
    }

    private static int dtypeCode(DType dtype) {
        return switch (dtype) {
            case BF16 -> DeviceMath.BF16;
            case F16 -> DeviceMath.F16;
            default -> 0;
        };
    }

    @Override
    public synchronized void softmaxRows(SoftmaxOp op, Tensor x, Tensor out) {
        BoundPlan p = rowPlan("softmax", x, x.numel(), (g, c, a) -> g.task(TASK, RowKernels::softmax, c, a.ints(),
                a.f32(0), a.f32(1)));
        runRows(p, x, op == SoftmaxOp.LOG_SOFTMAX ? 1 : 0, 1, out);
    }

    @Override
    public synchronized void softmaxGradRows(SoftmaxOp op, Tensor y, Tensor g, Tensor out) {
        BoundPlan p = plans.get("softmaxGrad", (graph, c, a) -> graph.task(TASK, RowKernels::softmaxGrad, c,
                a.ints(), a.f32(0), a.f32(1), a.f32(2)), in(DType.F32, y.numel()), in(DType.F32, g.numel()),
                out(DType.F32, out.numel()));
        p.put(1, g);
        runRows(p, y, op == SoftmaxOp.LOG_SOFTMAX ? 1 : 0, 2, out);
    }

    @Override
    public synchronized void crossEntropyGradRows(Tensor x, Tensor targets, float labelSmoothing, float scale,
            Tensor out) {
        BoundPlan p = plans.get("crossEntropyGrad", (g, c, a) -> g.task(TASK, RowKernels::crossEntropyGrad, c,
                a.ints(), a.floats(), a.f32(0), a.i32(1), a.f32(2)), in(DType.F32, x.numel()),
                in(DType.I32, targets.numel()), out(DType.F32, out.numel()));
        p.floats(labelSmoothing, scale);
        p.put(1, targets);
        runRows(p, x, NeuralOps.IGNORE_INDEX, 2, out);
    }

    @Override
    public synchronized void rmsNormRows(Tensor x, Tensor weight, float eps, float weightOffset, Tensor out) {
        BoundPlan p = plans.get("rmsNorm", (g, c, a) -> g.task(TASK, RowKernels::rmsNorm, c, a.ints(), a.floats(),
                a.f32(0), a.f32(1), a.f32(2)), in(DType.F32, x.numel()), in(DType.F32, weight.numel()),
                out(DType.F32, out.numel()));
        p.floats(eps, weightOffset);
        p.put(1, weight);
        runRows(p, x, 0, 2, out);
    }

    @Override
    public synchronized void layerNormRows(Tensor x, Tensor weight, Tensor bias, float eps, Tensor out) {
        BoundPlan p = plans.get("layerNorm", (g, c, a) -> g.task(TASK, RowKernels::layerNorm, c, a.ints(),
                a.floats(), a.f32(0), a.f32(1), a.f32(2), a.f32(3)), in(DType.F32, x.numel()),
                in(DType.F32, weight.numel()), in(DType.F32, bias == null ? 1 : bias.numel()),
                out(DType.F32, out.numel()));
        p.floats(eps);
        p.put(1, weight);
        if (bias != null) {
            p.put(2, bias);
        }
        runRows(p, x, bias == null ? 0 : 1, 3, out);
    }

    /** A row kernel's plan with x as array 0 and a result of {@code outElements} as array 1. */
    private BoundPlan rowPlan(String kernel, Tensor x, long outElements, BoundPlan.Binder binder) {
        return plans.get(kernel, binder, in(DType.F32, x.numel()), out(DType.F32, outElements));
    }

    /** Stages x [rows, n] as array 0, runs one work-group per row and reads array {@code result} into out. */
    private static void runRows(BoundPlan p, Tensor x, int mode, int result, Tensor out) {
        int rows = x.size(0);
        p.ints(new RowParameters(rows, x.size(1), mode).values());
        p.put(0, x);
        p.launch((long) rows * ROW_GROUP, 1, ROW_GROUP, 1);
        p.take(result, out);
    }

    @Override
    public synchronized void layerNormGradRows(Tensor x, Tensor weight, float eps, Tensor g, Tensor dx,
            Tensor dWeight, Tensor dBias) {
        cpu.layerNormGradRows(x, weight, eps, g, dx, dWeight, dBias);
    }

    @Override
    public synchronized void rmsNormGradRows(Tensor x, Tensor weight, float eps, float weightOffset, Tensor g,
            Tensor dx, Tensor dWeight) {
        cpu.rmsNormGradRows(x, weight, eps, weightOffset, g, dx, dWeight);
    }

    @Override
    public synchronized void rope(Tensor x, Tensor positions, Tensor invFreq, RopeConvention convention,
            Tensor out) {
        RopeTables tables = RopeTables.of(positions.toLongArray(), invFreq.toFloatArray(), convention);
        BoundPlan p = plans.get("rope", (g, c, a) -> g.task(TASK, AttentionKernels::rope, c, a.ints(), a.f32(0),
                a.i32(1), a.f32(2), a.f32(3), a.f32(4)), in(DType.F32, x.numel()),
                in(DType.I32, tables.rows().length), in(DType.F32, tables.cos().length),
                in(DType.F32, tables.sin().length), out(DType.F32, out.numel()));
        p.ints(new RopeParameters(x.size(0), x.size(1), x.size(2), x.size(3), convention).values());
        p.put(0, x);
        p.put(1, Tensor.ofInts(tables.rows(), tables.rows().length));
        p.put(2, Tensor.of(tables.cos()));
        p.put(3, Tensor.of(tables.sin()));
        p.launch(x.numel(), 1, LINEAR, 1);
        p.take(4, out);
    }

    @Override
    public synchronized void attention(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor out) {
        BroadcastOperand maskOperand = mask == null ? null : BroadcastOperand.of(mask);
        long rows = (long) q.size(0) * q.size(1) * q.size(2);
        int keys = k.size(2);
        BoundPlan p = plans.get("attention", (g, c, a) -> g.task(TASK, AttentionKernels::attention, c, a.ints(),
                a.floats(), a.f32(0), a.f32(1), a.f32(2), a.f32(3), a.f32(4), a.f32(5)),
                in(DType.F32, q.numel()), in(DType.F32, k.numel()), in(DType.F32, v.numel()),
                in(DType.F32, maskOperand == null ? 1 : maskOperand.compact().numel()),
                keep(DType.F32, Staging.capacity(rows * keys)), out(DType.F32, out.numel()));
        AttentionParameters parameters = AttentionParameters.of(q, k, v, maskOperand, spec);
        p.ints(parameters.ints());
        p.floats(parameters.floats());
        if (maskOperand != null) {
            p.put(3, maskOperand.compact());
        }
        p.put(0, q);
        p.put(1, k);
        p.put(2, v);
        p.launch(rows * ROW_GROUP, 1, ROW_GROUP, 1);
        p.take(5, out);
    }

    @Override
    public synchronized void attentionGrad(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec,
            Tensor dOut, Tensor dq, Tensor dk, Tensor dv) {
        cpu.attentionGrad(q, k, v, mask, spec, dOut, dq, dk, dv);
    }

    @Override
    public synchronized void gather(Tensor x, int dim, Tensor index, Tensor out) {
        int rank = out.rank();
        long n = out.numel();
        BoundPlan p = plans.get("gather", (g, c, a) -> g.task(TASK, IndexKernels::gather, c, a.ints(), a.f32(0),
                a.i32(1), a.f32(2)), in(DType.F32, x.numel()), in(DType.I32, n), out(DType.F32, n));
        int[] strides = new int[rank];
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= x.size(d);
        }
        int dimStride = strides[dim];
        strides[dim] = 0;
        p.ints(new BroadcastParameters((int) n, dimStride, out.shape(), List.of(strides)).values());
        p.put(0, x);
        p.put(1, index);
        p.launch(n, 1, LINEAR, 1);
        p.take(2, out);
    }

    @Override
    public synchronized void scatterAdd(Tensor target, int dim, Tensor index, Tensor src) {
        cpu.scatterAdd(target, dim, index, src);
    }

    @Override
    public synchronized void indexSelectRows(Tensor table, Tensor ids, Tensor out) {
        int width = table.size(1);
        int count = ids.size(0);
        boolean wide = table.dtype() == DType.F32;
        BoundPlan.Binder binder = (g, c, a) -> g.task(TASK, IndexKernels::selectRows, c, a.ints(), a.f32(0),
                a.narrow(1), a.f32(2), a.i32(3), a.f32(4));
        if (ResidentPlans.canHold(table)) {
            BoundPlan p = resident.get(table, "selectRows", binder, plan -> {
                plan.put(wide ? 0 : 1, table);
                plan.put(2, POWERS_OF_TWO);
            }, keep(DType.F32, wide ? table.numel() : 1), keep(narrowType(table), wide ? 1 : table.numel()),
                    keep(DType.F32, 256), in(DType.I32, RESIDENT_IDS), out(DType.F32, (long) RESIDENT_IDS * width));
            for (int i = 0; i < count; i += RESIDENT_IDS) {
                int chunk = Math.min(RESIDENT_IDS, count - i);
                selectRows(p, table, ids.narrow(0, i, chunk), out.narrow(0, i, chunk));
            }
        } else {
            BoundPlan p = plans.get("selectRows", binder, wide ? in(DType.F32, table.numel()) : keep(DType.F32, 1),
                    wide ? keep(DType.BF16, 1) : in(table.dtype(), table.numel()), keep(DType.F32, 256),
                    in(DType.I32, count), out(DType.F32, out.numel()));
            p.put(wide ? 0 : 1, table);
            p.put(2, POWERS_OF_TWO);
            selectRows(p, table, ids, out);
        }
    }

    private static void selectRows(BoundPlan p, Tensor table, Tensor ids, Tensor out) {
        int width = table.size(1);
        p.ints(new SelectRowsParameters(ids.size(0), width, dtypeCode(table.dtype())).values());
        p.put(3, ids);
        p.launch((long) ids.size(0) * width, 1, LINEAR, 1);
        p.take(4, out);
    }

    /** Frees every plan's device memory; the backend must not be used afterwards. */
    @Override
    public synchronized void close() {
        plans.close();
        resident.close();
    }
}
