package dev.rein.training.optim;

import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.cpu.Parallel;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every optimizer here shares: the groups and their checks (F32, contiguous, unique names), the update
 * count, the per-parameter state tensors named {@code <slot>/<parameter name>} that {@link #state()} exports and
 * {@link #loadState} restores, and the step loop. A subclass creates its state tensors in its constructor and
 * supplies the element-wise update of one parameter, which runs over the parameter's elements split across the
 * cores (every element is updated independently, so the split does not change the result).
 *
 * <p>State is created for every parameter when the optimizer is built, and the bias corrections count this
 * optimizer's updates. torch creates state on a parameter's first gradient and counts updates per parameter; the
 * two agree whenever every parameter has a gradient at every step.
 */
abstract class BaseOptimizer implements Optimizer {
    /** Rough cost of updating one element, in the units of {@link Parallel#forRange}. */
    private static final long WORK_PER_ELEMENT = 8;

    private final String kind;
    private final List<ParameterGroup> groups;
    private final Map<String, Tensor> stateTensors = new LinkedHashMap<>();
    private long steps;

    BaseOptimizer(String kind, List<ParameterGroup> groups) {
        this.kind = kind;
        this.groups = List.copyOf(groups);
        Set<String> names = new HashSet<>();
        Set<Object> variables = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParameterGroup group : this.groups) {
            for (NamedParameter parameter : group.parameters()) {
                if (!names.add(parameter.name())) {
                    throw new IllegalArgumentException(kind + ": parameter name " + parameter.name()
                            + " appears twice; names key the optimizer state and must be unique");
                }
                if (!variables.add(parameter.variable())) {
                    throw new IllegalArgumentException(kind + ": parameter " + parameter.name()
                            + " is the same variable as an earlier parameter");
                }
                F32Elements.of(parameter.variable().value(), "parameter " + parameter.name());
            }
        }
    }

    /**
     * The update of one parameter at this step, over element ranges. Called once per parameter with a gradient;
     * per-parameter scalars are computed here, outside the element loop.
     *
     * @param step         the 1-based number of this update
     * @param learningRate the group's learning rate times the schedule's factor
     * @param value        the parameter's elements, updated in place
     * @param grad         the gradient's elements (read only)
     */
    abstract Parallel.RangeBody update(NamedParameter parameter, ParameterGroup group, long step, double learningRate,
                                       MemorySegment value, MemorySegment grad);

    /** Adds state tensor {@code <slot>/<parameter name>}, zeros of the given shape (call from the constructor). */
    final void addState(String slot, NamedParameter parameter, int... shape) {
        stateTensors.put(stateName(slot, parameter), Tensor.zeros(DType.F32, shape));
    }

    /** Adds state tensor {@code <slot>/<parameter name>} holding a copy of the parameter's current values. */
    final void addStateCopy(String slot, NamedParameter parameter) {
        stateTensors.put(stateName(slot, parameter), parameter.variable().value().copy());
    }

    /** The elements of state tensor {@code <slot>/<parameter name>}. */
    final MemorySegment state(String slot, NamedParameter parameter) {
        String name = stateName(slot, parameter);
        return F32Elements.of(stateTensors.get(name), "optimizer state " + name);
    }

    private static String stateName(String slot, NamedParameter parameter) {
        return slot + "/" + parameter.name();
    }

    @Override
    public final List<ParameterGroup> groups() {
        return groups;
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final void step(double learningRateFactor) {
        if (!(learningRateFactor >= 0) || Double.isInfinite(learningRateFactor)) {
            throw new IllegalArgumentException(kind + ": learning-rate factor must be a finite number >= 0, got "
                    + learningRateFactor);
        }
        List<Runnable> updates = new ArrayList<>();
        long step = steps + 1;
        for (ParameterGroup group : groups) {
            double learningRate = group.learningRate() * learningRateFactor;
            for (NamedParameter parameter : group.parameters()) {
                Tensor grad = parameter.variable().grad();
                if (grad == null) {
                    continue;
                }
                Tensor value = parameter.variable().value();
                if (!grad.sameShape(value)) {
                    throw new IllegalArgumentException(kind + ": gradient of parameter " + parameter.name()
                            + " has shape " + Arrays.toString(grad.shape()) + ", the parameter "
                            + Arrays.toString(value.shape()));
                }
                MemorySegment gradElements = F32Elements.of(grad, "gradient of parameter " + parameter.name());
                MemorySegment valueElements = F32Elements.of(value, "parameter " + parameter.name());
                int n = (int) value.numel();
                updates.add(() -> Parallel.forRange(n, WORK_PER_ELEMENT,
                        update(parameter, group, step, learningRate, valueElements, gradElements)));
            }
        }
        updates.forEach(Runnable::run); // every gradient was checked before any parameter changes
        steps = step;
    }

    @Override
    public final void zeroGrad() {
        for (ParameterGroup group : groups) {
            for (NamedParameter parameter : group.parameters()) {
                parameter.variable().zeroGrad();
            }
        }
    }

    @Override
    public final OptimizerState state() {
        return new OptimizerState(kind, steps, stateTensors);
    }

    @Override
    public final void loadState(OptimizerState state) {
        if (!state.kind().equals(kind)) {
            throw new IllegalArgumentException("optimizer state is of kind " + state.kind() + ", this optimizer is "
                    + kind);
        }
        for (Map.Entry<String, Tensor> expected : stateTensors.entrySet()) {
            Tensor given = state.tensors().get(expected.getKey());
            if (given == null) {
                throw new IllegalArgumentException("optimizer state: tensor " + expected.getKey() + " is missing");
            }
            if (!given.sameShape(expected.getValue())) {
                throw new IllegalArgumentException("optimizer state: tensor " + expected.getKey() + " has shape "
                        + Arrays.toString(given.shape()) + ", expected " + Arrays.toString(expected.getValue().shape()));
            }
        }
        for (String name : state.tensors().keySet()) {
            if (!stateTensors.containsKey(name)) {
                throw new IllegalArgumentException("optimizer state: unexpected tensor " + name
                        + " (no parameter of this optimizer has that state)");
            }
        }
        for (Map.Entry<String, Tensor> entry : stateTensors.entrySet()) {
            Tensor given = state.tensors().get(entry.getKey());
            if (given != entry.getValue()) {
                entry.getValue().copyFrom(given);
            }
        }
        steps = state.steps();
    }
}
