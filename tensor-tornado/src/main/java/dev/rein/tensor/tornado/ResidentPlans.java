package dev.rein.tensor.tornado;

import dev.rein.tensor.Storage;
import dev.rein.tensor.Tensor;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plans whose weight stays on the device: one per weight view (and kernel), built when the weight is first used,
 * its weight array filled then and copied to the device on the first launch only ({@code FIRST_EXECUTION}). Only
 * weights in read-only memory qualify ({@link #canHold}): a memory-mapped checkpoint cannot change under the device
 * copy. The plans of a weight are closed, freeing the device copy, once its storage is no longer reachable.
 */
final class ResidentPlans implements AutoCloseable {
    private final ReferenceQueue<Storage> released = new ReferenceQueue<>();
    private final Map<StorageKey, Map<String, BoundPlan>> byStorage = new HashMap<>();

    /** Whether {@code weight} can be kept on the device: float values in read-only memory. */
    static boolean canHold(Tensor weight) {
        return weight.dtype().isFloatingPoint() && weight.storage().segment().isReadOnly();
    }

    /**
     * The plan of {@code kernel} for {@code weight} with arrays of these specs; a new plan is passed to
     * {@code fill}, which writes the weight into its kept array.
     */
    BoundPlan get(Tensor weight, String kernel, BoundPlan.Binder binder, Consumer<BoundPlan> fill,
            ArraySpec... specs) {
        closeReleased();
        String key = kernel + weight.dtype() + weight.offset() + Arrays.toString(weight.shape())
                + Arrays.toString(weight.strides()) + Arrays.toString(specs);
        Map<String, BoundPlan> plans = byStorage.computeIfAbsent(new StorageKey(weight.storage(), released),
                storage -> new HashMap<>());
        BoundPlan plan = plans.get(key);
        if (plan == null) {
            plan = new BoundPlan(kernel, binder, specs);
            fill.accept(plan);
            plans.put(key, plan);
        }
        return plan;
    }

    private void closeReleased() {
        for (var ref = released.poll(); ref != null; ref = released.poll()) {
            Map<String, BoundPlan> plans = byStorage.remove((StorageKey) ref);
            if (plans != null) {
                plans.values().forEach(BoundPlan::close);
            }
        }
    }

    @Override
    public void close() {
        byStorage.values().forEach(plans -> plans.values().forEach(BoundPlan::close));
        byStorage.clear();
    }

    /** A storage compared by identity, held weakly so that a dropped model's device copies are freed. */
    private static final class StorageKey extends WeakReference<Storage> {
        private final int hash;

        StorageKey(Storage storage, ReferenceQueue<Storage> queue) {
            super(storage, queue);
            this.hash = System.identityHashCode(storage);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            return o instanceof StorageKey other && get() != null && get() == other.get();
        }
    }
}
