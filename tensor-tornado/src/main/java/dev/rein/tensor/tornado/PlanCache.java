package dev.rein.tensor.tornado;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plans of the staged kernels, one per kernel and array capacities, the least recently used closed (freeing its
 * device memory) once more than {@link #LIMIT} exist. Capacities are powers of two, so a workload settles on a few.
 */
final class PlanCache implements AutoCloseable {
    private static final int LIMIT = 96;

    private final Map<String, BoundPlan> plans = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BoundPlan> eldest) {
            if (size() > LIMIT) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    /** The plan of {@code kernel} for arrays of these specs, built (and compiled on first launch) when new. */
    BoundPlan get(String kernel, BoundPlan.Binder binder, ArraySpec... specs) {
        String key = kernel + Arrays.toString(specs);
        BoundPlan plan = plans.get(key);
        if (plan == null) {
            plan = new BoundPlan(kernel, binder, specs);
            plans.put(key, plan);
        }
        return plan;
    }

    @Override
    public void close() {
        plans.values().forEach(BoundPlan::close);
        plans.clear();
    }
}
