package dev.rein.models.hooks;

import dev.rein.autograd.Variable;
import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The hooks to run during a forward pass or a generation: functions registered by point name, run in registration
 * order, and caches that record activations. With nothing registered the model's only cost is one emptiness check
 * per point. Names are checked against the model's points when a pass starts, so a typo fails loudly.
 */
public final class Hooks {
    private static final Hooks NONE = new Hooks();

    private final Map<String, List<Hook>> byPoint = new HashMap<>();
    private final List<Hook> everyPoint = new ArrayList<>();

    /** No hooks: shared, and cannot be added to. */
    public static Hooks none() {
        return NONE;
    }

    /**
     * Runs {@code hook} at {@code point} on the activation's tensor, e.g.
     * {@code hooks.add("blocks.3.hook_mlp_out", (x, ctx) -> x.mul(0f))} to ablate block 3's MLP.
     *
     * @throws IllegalStateException while running, when the hook replaces an activation that gradients flow
     *                               through (training): an edit there must be a {@link Hook}, see
     *                               {@link #addTrainable}
     */
    public Hooks add(String point, TensorHook hook) {
        return addTrainable(point, (activation, context) -> {
            Tensor before = activation.value();
            Tensor after = hook.apply(before, context);
            if (after == before) {
                return activation;
            }
            if (activation.requiresGrad()) {
                throw new IllegalStateException("the tensor hook at " + point + " replaces an activation that"
                        + " gradients flow through; edit it with Hooks.addTrainable and a Hook over Variables");
            }
            return Variable.constant(after);
        });
    }

    /**
     * Adds {@code scale · direction} [H] to the residual stream leaving block {@code layer}
     * ({@code blocks.{layer}.hook_resid_post}) at every position of every pass: activation addition, the
     * simplest steering. Gradients flow through it unchanged.
     */
    public Hooks addToResidual(int layer, Tensor direction, float scale) {
        if (direction.rank() != 1) {
            throw new IllegalArgumentException("a residual direction must be [hidden], got shape "
                    + Arrays.toString(direction.shape()));
        }
        String point = HookPoints.residPost(layer);
        Variable edit = Variable.constant(direction.mul(scale));                        // [H]
        return addTrainable(point, (activation, context) -> {
            if (activation.size(activation.rank() - 1) != direction.size(0)) {
                throw new IllegalArgumentException("the direction added at " + point + " has " + direction.size(0)
                        + " values but the residual stream has width " + activation.size(activation.rank() - 1));
            }
            return activation.add(edit);                                               // [B, T, H] + [H]
        });
    }

    /**
     * Runs {@code hook} at {@code point} on the activation as an autograd variable, so that an edit built from
     * trainable parameters (a steering vector being learned, an interpolated embedding) receives gradients.
     */
    public Hooks addTrainable(String point, Hook hook) {
        checkMutable();
        byPoint.computeIfAbsent(point, p -> new ArrayList<>()).add(hook);
        return this;
    }

    /** Records into {@code cache} the activation at every point {@code which} accepts (after earlier edits there). */
    public Hooks cache(ActivationCache cache, Predicate<String> which) {
        checkMutable();
        everyPoint.add((activation, context) -> {
            if (which.test(context.point())) {
                cache.record(context.point(), activation.value());
            }
            return activation;
        });
        return this;
    }

    /** Records into {@code cache} the activations at the named points. */
    public Hooks cache(ActivationCache cache, String... points) {
        for (String point : points) {
            addTrainable(point, (activation, context) -> {
                cache.record(point, activation.value());
                return activation;
            });
        }
        return this;
    }

    public boolean isEmpty() {
        return byPoint.isEmpty() && everyPoint.isEmpty();
    }

    /** Whether some hook runs at {@code point} (the model takes a slower path for some points only when hooked). */
    public boolean has(HookPoint point) {
        return !everyPoint.isEmpty() || byPoint.containsKey(point.name());
    }

    /**
     * Runs the hooks of a point on an activation and returns what the model continues with. With no hook at all
     * this is one emptiness check.
     *
     * @throws IllegalArgumentException when a hook returns a value of another shape
     */
    public Variable run(HookPoint point, int startPosition, Variable activation) {
        if (isEmpty()) {
            return activation;
        }
        List<Hook> hooks = byPoint.get(point.name());
        if (hooks == null && everyPoint.isEmpty()) {
            return activation;
        }
        HookContext context = new HookContext(point, startPosition);
        Variable current = activation;
        if (hooks != null) {
            for (Hook hook : hooks) {
                current = checked(point.name(), current, hook.apply(current, context));
            }
        }
        for (Hook hook : everyPoint) {
            current = checked(point.name(), current, hook.apply(current, context));
        }
        return current;
    }

    /** @throws IllegalArgumentException naming the unknown points and the valid ones */
    public void checkPoints(Collection<String> validPoints) {
        List<String> unknown = byPoint.keySet().stream().filter(p -> !validPoints.contains(p)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown hook point(s) " + unknown + "; this model has "
                    + validPoints.size() + " points, e.g. " + List.copyOf(validPoints).subList(0,
                    Math.min(12, validPoints.size())) + " (see HookPoints)");
        }
    }

    private static Variable checked(String point, Variable before, Variable after) {
        if (after == null || !Arrays.equals(after.shape(), before.shape())) {
            throw new IllegalArgumentException("the hook at " + point + " returned "
                    + (after == null ? "null" : Arrays.toString(after.shape())) + " for an activation of shape "
                    + Arrays.toString(before.shape()));
        }
        return after;
    }

    private void checkMutable() {
        if (this == NONE) {
            throw new UnsupportedOperationException("Hooks.none() is shared; create new Hooks() to add hooks");
        }
    }
}
