package dev.rein.tensor.tornado;

import java.util.ArrayList;
import java.util.List;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.WorkerGrid2D;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * A task graph of many kernels run in order as one TornadoVM execution plan: the arrays it keeps on the device
 * (copied on the first run only: weights, tables, buffers the tasks pass between them), those copied in before every
 * run and those copied back after it, and each task with its own grid. The graph is declared first and compiled on
 * the first {@link #run}.
 */
final class DeviceGraph implements AutoCloseable {
    /** Adds one kernel to the graph under {@code id}, passing {@code context} where the kernel takes one. */
    interface Task {
        void add(TaskGraph graph, String id, KernelContext context);
    }

    private record Step(String id, Task task, WorkerGrid2D grid) {
    }

    private final String name;
    private final List<Object> once = new ArrayList<>();
    private final List<Object> eachRun = new ArrayList<>();
    private final List<Object> results = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private TornadoExecutionPlan plan;

    DeviceGraph(String name) {
        this.name = name;
    }

    /**
     * Arrays copied to the device on the first run only, then kept there; an array already declared as an input is
     * skipped, so tasks can name the arrays they read without tracking who declared them.
     */
    void keep(Object... arrays) {
        for (Object array : arrays) {
            if (!contains(once, array) && !contains(eachRun, array)) {
                once.add(array);
            }
        }
    }

    /** Arrays copied to the device before every run. */
    void eachRun(Object... arrays) {
        eachRun.addAll(List.of(arrays));
    }

    /** Arrays copied back to the host after every run. */
    void results(Object... arrays) {
        results.addAll(List.of(arrays));
    }

    private static boolean contains(List<Object> arrays, Object array) {
        return arrays.stream().anyMatch(known -> known == array);
    }

    /** A new zeroed float array kept on the device (a buffer between tasks). */
    FloatArray buffer(int elements) {
        FloatArray array = new FloatArray(Math.max(1, elements));
        keep(array);
        return array;
    }

    /** Int parameters kept on the device. */
    IntArray constants(int... values) {
        IntArray array = new IntArray(Math.max(1, values.length));
        for (int i = 0; i < values.length; i++) {
            array.set(i, values[i]);
        }
        keep(array);
        return array;
    }

    /** Float parameters kept on the device. */
    FloatArray constants(float... values) {
        FloatArray array = new FloatArray(Math.max(1, values.length));
        for (int i = 0; i < values.length; i++) {
            array.set(i, values[i]);
        }
        keep(array);
        return array;
    }

    /** Adds a task on a grid of at least {@code globalX} x {@code globalY} work-items in groups of the given size. */
    void task(String label, long globalX, long globalY, int localX, int localY, Task task) {
        WorkerGrid2D grid = new WorkerGrid2D(roundUp(globalX, localX), roundUp(globalY, localY));
        grid.setLocalWork(localX, localY, 1);
        steps.add(new Step(label + "_" + steps.size(), task, grid));
    }

    private static int roundUp(long n, int multiple) {
        return Math.toIntExact(Math.max(1, (n + multiple - 1) / multiple) * multiple);
    }

    /** Runs every task once, in order, with the transfers declared. */
    void run() {
        if (plan == null) {
            plan = compile();
        }
        plan.execute();
    }

    private TornadoExecutionPlan compile() {
        TaskGraph graph = new TaskGraph(name);
        graph.transferToDevice(DataTransferMode.FIRST_EXECUTION, once.toArray());
        if (!eachRun.isEmpty()) {
            graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, eachRun.toArray());
        }
        GridScheduler scheduler = new GridScheduler();
        KernelContext context = new KernelContext();
        for (Step step : steps) {
            step.task().add(graph, step.id(), context);
            scheduler.addWorkerGrid(name + "." + step.id(), step.grid());
        }
        graph.transferToHost(DataTransferMode.EVERY_EXECUTION, results.toArray());
        return new TornadoExecutionPlan(graph.snapshot()).withGridScheduler(scheduler)
                .withCompilerFlags(TornadoVMBackendType.OPENCL, KernelPlan.OPENCL_FLAGS);
    }

    /** Frees the device memory of the plan. */
    @Override
    public void close() {
        if (plan != null) {
            try {
                plan.close();
            } catch (TornadoExecutionPlanException e) {
                throw new IllegalStateException("TornadoVM could not free the device memory of " + name, e);
            }
        }
    }
}
