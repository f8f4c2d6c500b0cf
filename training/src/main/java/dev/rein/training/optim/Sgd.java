package dev.rein.training.optim;

import static dev.rein.training.optim.F32Elements.F32;

import dev.rein.tensor.cpu.Parallel;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Stochastic gradient descent as torch.optim.SGD: with weight decay {@code wd} the gradient becomes
 * {@code g + wd·p}; with momentum the buffer is {@code g} at the first update and
 * {@code momentum·buf + (1−dampening)·g} after, and the step direction is the buffer (or {@code g + momentum·buf}
 * with Nesterov); then {@code p ← p − lr·direction}. State: {@code momentum_buffer/<name>} when momentum is used.
 */
public final class Sgd extends BaseOptimizer {
    /** The kind recorded in {@link OptimizerState}. */
    public static final String KIND = "sgd";
    private static final String MOMENTUM_BUFFER = "momentum_buffer";

    private final SgdSettings settings;

    public Sgd(List<ParameterGroup> groups, SgdSettings settings) {
        super(KIND, groups);
        this.settings = settings;
        if (settings.momentum() != 0) {
            for (ParameterGroup group : groups) {
                for (NamedParameter parameter : group.parameters()) {
                    addState(MOMENTUM_BUFFER, parameter, parameter.variable().shape());
                }
            }
        }
    }

    public SgdSettings settings() {
        return settings;
    }

    @Override
    Parallel.RangeBody update(NamedParameter parameter, ParameterGroup group, long step, double learningRate,
                              MemorySegment value, MemorySegment grad) {
        float lr = (float) learningRate;
        float weightDecay = (float) group.weightDecay();
        float momentum = (float) settings.momentum();
        float gradientShare = (float) (1 - settings.dampening());
        boolean nesterov = settings.nesterov();
        boolean firstUpdate = step == 1;
        MemorySegment buffer = momentum != 0 ? state(MOMENTUM_BUFFER, parameter) : null;
        return (start, end) -> {
            for (long i = start; i < end; i++) {
                float p = value.getAtIndex(F32, i);
                float direction = grad.getAtIndex(F32, i);
                if (weightDecay != 0) {
                    direction += weightDecay * p;
                }
                if (buffer != null) {
                    float b = firstUpdate ? direction : momentum * buffer.getAtIndex(F32, i) + gradientShare * direction;
                    buffer.setAtIndex(F32, i, b);
                    direction = nesterov ? direction + momentum * b : b;
                }
                value.setAtIndex(F32, i, p - lr * direction);
            }
        };
    }
}
