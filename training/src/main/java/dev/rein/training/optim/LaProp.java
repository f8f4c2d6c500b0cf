package dev.rein.training.optim;

import static dev.rein.training.optim.F32Elements.F32;

import dev.rein.tensor.cpu.Parallel;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * LaProp (Ziyin, Wang and Ueda, "LaProp: Separating Momentum and Adaptivity in Adam", 2020): the gradient is first
 * normalised by the root of its second moment, and the momentum averages the normalised gradients, so momentum and
 * adaptivity no longer interact as in Adam. The arithmetic follows the reference implementation used by Direct
 * Preference Heads ({@code decay_init} included), with the learning rate {@code lr} folded into the momentum so
 * that a schedule's earlier, larger rates keep their weight:
 * <pre>
 * v ← β2·v + (1−β2)·g²                     s = g / (√v + ε) · √(1−β2ᵗ)
 * m ← β1·m + (1−β1)·lr·s                   λ ← β1·λ + (1−β1)·lr      (λ: running average of lr)
 * p ← p − lr·wd·(p − p₀)                   (p₀ = 0, or the initial value with decayToInitial; only if wd > 0)
 * p ← p − m / (λ / lr)                     (λ / lr is the momentum's bias correction; 1 when lr = 0)
 * </pre>
 * State: {@code exp_avg/<name>} (m), {@code exp_avg_sq/<name>} (v), {@code exp_avg_lr/<name>} (λ, one element) and,
 * for groups with {@link ParameterGroup#decayToInitial()} and a weight decay, {@code initial/<name>} (p₀, the values
 * when the optimizer was built). The reference's {@code amsgrad} and {@code centered} variants are not implemented.
 */
public final class LaProp extends BaseOptimizer {
    /** The kind recorded in {@link OptimizerState}. */
    public static final String KIND = "laprop";
    private static final String EXP_AVG = "exp_avg";
    private static final String EXP_AVG_SQ = "exp_avg_sq";
    private static final String EXP_AVG_LR = "exp_avg_lr";
    private static final String INITIAL = "initial";

    private final AdamSettings settings;

    public LaProp(List<ParameterGroup> groups, AdamSettings settings) {
        super(KIND, groups);
        this.settings = settings;
        for (ParameterGroup group : groups) {
            for (NamedParameter parameter : group.parameters()) {
                addState(EXP_AVG, parameter, parameter.variable().shape());
                addState(EXP_AVG_SQ, parameter, parameter.variable().shape());
                addState(EXP_AVG_LR, parameter, 1);
                if (decaysToInitial(group)) {
                    addStateCopy(INITIAL, parameter);
                }
            }
        }
    }

    public AdamSettings settings() {
        return settings;
    }

    private static boolean decaysToInitial(ParameterGroup group) {
        return group.decayToInitial() && group.weightDecay() > 0;
    }

    @Override
    Parallel.RangeBody update(NamedParameter parameter, ParameterGroup group, long step, double learningRate,
                              MemorySegment value, MemorySegment grad) {
        float lr = (float) learningRate;
        float beta1 = (float) settings.beta1();
        float beta2 = (float) settings.beta2();
        float squareShare = (float) (1 - settings.beta2());
        float epsilon = (float) settings.epsilon();
        float secondMomentCorrection = (float) Math.sqrt(1 - Math.pow(settings.beta2(), step));
        float momentumShare = (float) ((1 - settings.beta1()) * learningRate);
        float decay = (float) (group.weightDecay() * learningRate);
        float stepSize = (float) (1 / momentumCorrection(parameter, learningRate));
        MemorySegment expAvg = state(EXP_AVG, parameter);
        MemorySegment expAvgSq = state(EXP_AVG_SQ, parameter);
        MemorySegment initial = decaysToInitial(group) ? state(INITIAL, parameter) : null;
        return (start, end) -> {
            for (long i = start; i < end; i++) {
                float g = grad.getAtIndex(F32, i);
                float v = beta2 * expAvgSq.getAtIndex(F32, i) + squareShare * g * g;
                float normalised = g / ((float) Math.sqrt(v) + epsilon) * secondMomentCorrection;
                float m = beta1 * expAvg.getAtIndex(F32, i) + momentumShare * normalised;
                expAvgSq.setAtIndex(F32, i, v);
                expAvg.setAtIndex(F32, i, m);
                float p = value.getAtIndex(F32, i);
                if (decay != 0) {
                    p -= decay * (initial != null ? p - initial.getAtIndex(F32, i) : p);
                }
                value.setAtIndex(F32, i, p - stepSize * m);
            }
        };
    }

    /** Advances λ, this parameter's running average of the learning rate, and returns λ / lr (1 when lr is 0). */
    private double momentumCorrection(NamedParameter parameter, double learningRate) {
        MemorySegment averageRate = state(EXP_AVG_LR, parameter);
        double updated = settings.beta1() * averageRate.getAtIndex(F32, 0) + (1 - settings.beta1()) * learningRate;
        averageRate.setAtIndex(F32, 0, (float) updated);
        return learningRate != 0 ? (float) updated / learningRate : 1;
    }
}
