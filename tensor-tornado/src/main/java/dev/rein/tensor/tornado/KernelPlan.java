package dev.rein.tensor.tornado;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.WorkerGrid2D;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;

/**
 * One kernel compiled into a TornadoVM execution plan, bound to its device arrays: TornadoVM compiles a task graph
 * once per plan, so a plan is built once per kernel and array capacity and launched again with new contents and
 * grid sizes. Arrays are copied to the device before every launch, or only before the first one (weights, which then
 * stay resident, and scratch space), and results are copied back after every launch.
 */
final class KernelPlan implements AutoCloseable {
    /** The id of the one task of every plan's graph. */
    static final String TASK = "kernel";
    /**
     * OpenCL build options: TornadoVM's default adds -cl-fast-relaxed-math, which lets the compiler assume that no
     * value is NaN or infinite; masks (-inf), fully masked rows (NaN) and argmax over NaN need both, and on PoCL the
     * default gave a wrong argmax for a row holding NaN.
     */
    static final String OPENCL_FLAGS = "-w";
    private static final AtomicLong GRAPHS = new AtomicLong();

    private final TornadoExecutionPlan plan;
    private final WorkerGrid2D grid = new WorkerGrid2D(1, 1);

    /**
     * @param kernel   a name for the graph (made unique here)
     * @param once     arrays copied on the first launch only
     * @param eachCall arrays copied to the device before every launch
     * @param results  arrays copied back after every launch
     * @param task     adds the kernel to the graph as task {@link #TASK}
     */
    KernelPlan(String kernel, Object[] once, Object[] eachCall, Object[] results, Consumer<TaskGraph> task) {
        String name = kernel + GRAPHS.incrementAndGet();
        TaskGraph graph = new TaskGraph(name);
        if (once.length > 0) {
            graph.transferToDevice(DataTransferMode.FIRST_EXECUTION, once);
        }
        graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, eachCall);
        task.accept(graph);
        graph.transferToHost(DataTransferMode.EVERY_EXECUTION, results);
        plan = new TornadoExecutionPlan(graph.snapshot())
                .withGridScheduler(new GridScheduler(name + "." + TASK, grid))
                .withCompilerFlags(TornadoVMBackendType.OPENCL, OPENCL_FLAGS);
    }

    /**
     * Runs the kernel on a grid of at least {@code globalX} x {@code globalY} work-items in groups of the given size;
     * an empty grid (an empty tensor) runs nothing.
     */
    void launch(long globalX, long globalY, int localX, int localY) {
        if (globalX == 0 || globalY == 0) {
            return;
        }
        grid.setGlobalWork(roundUp(globalX, localX), roundUp(globalY, localY), 1);
        grid.setLocalWork(localX, localY, 1);
        plan.execute();
    }

    private static long roundUp(long n, int multiple) {
        return Math.max(1, (n + multiple - 1) / multiple) * multiple;
    }

    /** Frees the plan's device memory. */
    @Override
    public void close() {
        try {
            plan.close();
        } catch (TornadoExecutionPlanException e) {
            throw new IllegalStateException("TornadoVM could not free a plan's device memory", e);
        }
    }
}
