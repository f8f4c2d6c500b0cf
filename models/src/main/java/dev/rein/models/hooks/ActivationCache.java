package dev.rein.models.hooks;

import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Activations recorded at hook points: for each point, the value of every pass that ran through it in order (one
 * for a forward, one per step while generating). Values are the tensors the model computed, not copies; the model
 * never writes into them afterwards.
 */
public final class ActivationCache {
    private final Map<String, List<Tensor>> values = new LinkedHashMap<>();

    void record(String point, Tensor value) {
        values.computeIfAbsent(point, p -> new ArrayList<>()).add(value);
    }

    /** The points recorded, in the order they first ran. */
    public Set<String> points() {
        return values.keySet();
    }

    public boolean contains(String point) {
        return values.containsKey(point);
    }

    /** The value of the last pass through {@code point}. */
    public Tensor get(String point) {
        List<Tensor> passes = all(point);
        return passes.get(passes.size() - 1);
    }

    /** The values of every pass through {@code point}, in order. */
    public List<Tensor> all(String point) {
        List<Tensor> passes = values.get(point);
        if (passes == null) {
            throw new IllegalArgumentException("no activation recorded at \"" + point + "\"; recorded: " + points());
        }
        return List.copyOf(passes);
    }
}
