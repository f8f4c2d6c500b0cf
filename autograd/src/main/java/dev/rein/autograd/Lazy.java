package dev.rein.autograd;

import java.util.function.Supplier;

/**
 * A value computed on first use and then kept: the tensors a backward rule needs (normalisation statistics,
 * attention probabilities) are only computed when a backward pass actually runs, and only once when the
 * rules of several inputs share them.
 */
final class Lazy<T> implements Supplier<T> {
    private Supplier<T> compute;
    private T value;

    private Lazy(Supplier<T> compute) {
        this.compute = compute;
    }

    static <T> Lazy<T> of(Supplier<T> compute) {
        return new Lazy<>(compute);
    }

    @Override
    public T get() {
        if (compute != null) {
            value = compute.get();
            compute = null;
        }
        return value;
    }
}
