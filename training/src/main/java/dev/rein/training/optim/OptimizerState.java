package dev.rein.training.optim;

import dev.rein.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of an optimizer for resuming training: its kind ({@code "sgd"}, {@code "adam"}, {@code "adamw"},
 * {@code "laprop"}), the updates taken and its named F32 tensors ({@code <slot>/<parameter name>}, for example
 * {@code exp_avg_sq/lm_head.weight}), in a stable order so that it can be written to a safetensors file as is.
 */
public record OptimizerState(String kind, long steps, Map<String, Tensor> tensors) {
    public OptimizerState {
        Objects.requireNonNull(kind, "kind");
        if (steps < 0) {
            throw new IllegalArgumentException("optimizer state: steps must be >= 0, got " + steps);
        }
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(tensors, "tensors")));
    }
}
