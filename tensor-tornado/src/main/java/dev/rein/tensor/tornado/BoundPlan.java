package dev.rein.tensor.tornado;

import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.ShortArray;
import uk.ac.manchester.tornado.api.types.arrays.TornadoNativeArray;

/**
 * A {@link KernelPlan} with the arrays it is bound to: int and float parameters (copied before every launch) and the
 * kernel's data arrays in the order of their {@link ArraySpec}s. A primitive writes its operands and parameters into
 * these, launches, and reads its results back.
 */
final class BoundPlan implements AutoCloseable {
    /** Capacity of the int and float parameter arrays. */
    static final int PARAMETERS = 64;

    /** Adds a plan's kernel to its graph, given the context and arrays to pass. */
    interface Binder {
        void bind(TaskGraph graph, KernelContext context, BoundPlan arrays);
    }

    private final IntArray ints = new IntArray(PARAMETERS);
    private final FloatArray floats = new FloatArray(PARAMETERS);
    private final ArraySpec[] specs;
    private final TornadoNativeArray[] arrays;
    private final KernelPlan plan;

    BoundPlan(String kernel, Binder binder, ArraySpec... specs) {
        this.specs = specs.clone();
        this.arrays = new TornadoNativeArray[specs.length];
        List<Object> once = new ArrayList<>();
        List<Object> eachCall = new ArrayList<>(List.of(ints, floats));
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < specs.length; i++) {
            arrays[i] = Staging.allocate(specs[i].dtype(), specs[i].capacity());
            switch (specs[i].role()) {
                case IN -> eachCall.add(arrays[i]);
                case OUT -> results.add(arrays[i]);
                case KEEP -> once.add(arrays[i]);
            }
        }
        KernelContext context = new KernelContext();
        plan = new KernelPlan(kernel, once.toArray(), eachCall.toArray(), results.toArray(),
                graph -> binder.bind(graph, context, this));
    }

    IntArray ints() {
        return ints;
    }

    FloatArray floats() {
        return floats;
    }

    FloatArray f32(int i) {
        return (FloatArray) arrays[i];
    }

    ShortArray narrow(int i) {
        return (ShortArray) arrays[i];
    }

    IntArray i32(int i) {
        return (IntArray) arrays[i];
    }

    ByteArray bool(int i) {
        return (ByteArray) arrays[i];
    }

    /** Sets the int parameters from index 0. */
    void ints(int... values) {
        for (int i = 0; i < values.length; i++) {
            ints.set(i, values[i]);
        }
    }

    /** Sets the float parameters from index 0. */
    void floats(float... values) {
        for (int i = 0; i < values.length; i++) {
            floats.set(i, values[i]);
        }
    }

    /** Writes {@code source} into array i, row-major, converted to the array's element type. */
    void put(int i, Tensor source) {
        Staging.put(source, arrays[i], specs[i].dtype());
    }

    /** Reads array i's first elements into {@code target}. */
    void take(int i, Tensor target) {
        Staging.take(arrays[i], specs[i].dtype(), target);
    }

    void launch(long globalX, long globalY, int localX, int localY) {
        plan.launch(globalX, globalY, localX, localY);
    }

    @Override
    public void close() {
        plan.close();
    }
}
