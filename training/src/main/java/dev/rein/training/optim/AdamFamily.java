package dev.rein.training.optim;

import dev.rein.tensor.cpu.Parallel;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Adam's update, shared by {@link Adam} and {@link AdamW}, which differ only in how weight decay enters: added to
 * the gradient ({@code g + wd·p}, an L2 penalty) or applied to the parameter before the step
 * ({@code p ← p·(1 − lr·wd)}, decoupled). The arithmetic follows torch 1.13's single-tensor implementation:
 * <pre>
 * m ← β1·m + (1−β1)·g          v ← β2·v + (1−β2)·g²
 * p ← p − lr/(1−β1ᵗ) · m / (√v / √(1−β2ᵗ) + ε)
 * </pre>
 * State: {@code exp_avg/<name>} (m) and {@code exp_avg_sq/<name>} (v).
 */
abstract sealed class AdamFamily extends BaseOptimizer permits Adam, AdamW {
    private static final String EXP_AVG = "exp_avg";
    private static final String EXP_AVG_SQ = "exp_avg_sq";

    private final AdamSettings settings;
    private final boolean decoupledWeightDecay;

    AdamFamily(String kind, List<ParameterGroup> groups, AdamSettings settings, boolean decoupledWeightDecay) {
        super(kind, groups);
        this.settings = settings;
        this.decoupledWeightDecay = decoupledWeightDecay;
        for (ParameterGroup group : groups) {
            for (NamedParameter parameter : group.parameters()) {
                addState(EXP_AVG, parameter, parameter.variable().shape());
                addState(EXP_AVG_SQ, parameter, parameter.variable().shape());
            }
        }
    }

    public final AdamSettings settings() {
        return settings;
    }

    @Override
    final Parallel.RangeBody update(NamedParameter parameter, ParameterGroup group, long step, double learningRate,
                                    MemorySegment value, MemorySegment grad) {
        float beta1 = (float) settings.beta1();
        float beta2 = (float) settings.beta2();
        float gradientShare = (float) (1 - settings.beta1());
        float squareShare = (float) (1 - settings.beta2());
        float epsilon = (float) settings.epsilon();
        float stepSize = (float) (learningRate / (1 - Math.pow(settings.beta1(), step)));
        float secondMomentCorrection = (float) Math.sqrt(1 - Math.pow(settings.beta2(), step));
        float l2Penalty = decoupledWeightDecay ? 0 : (float) group.weightDecay();
        float keep = decoupledWeightDecay ? (float) (1 - learningRate * group.weightDecay()) : 1;
        return new AdamElementUpdate(value, grad, state(EXP_AVG, parameter), state(EXP_AVG_SQ, parameter), beta1,
                beta2, gradientShare, squareShare, epsilon, stepSize, secondMomentCorrection, l2Penalty, keep);
    }
}
