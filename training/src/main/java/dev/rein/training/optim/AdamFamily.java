package dev.rein.training.optim;

import static dev.rein.training.optim.F32Elements.F32;

import dev.rein.tensor.cpu.Parallel;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

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
        MemorySegment expAvg = state(EXP_AVG, parameter);
        MemorySegment expAvgSq = state(EXP_AVG_SQ, parameter);
        return new Step(beta1, beta2, gradientShare, squareShare, epsilon, stepSize, secondMomentCorrection, l2Penalty,
                keep, value, grad, expAvg, expAvgSq)::apply;
    }

    /**
     * One update over a range of elements: vectors of the preferred species, then one element at a time. Every
     * operation is the scalar one lane by lane in the same order (multiplications and additions, no fused
     * multiply-add; IEEE square root and division), so the vector and scalar paths give the same bits. The vector
     * loop is a method of its own, not a lambda body: inlined into one, the Vector API calls go deeper than C2
     * inlines and every vector is boxed.
     */
    private record Step(float beta1, float beta2, float gradientShare, float squareShare, float epsilon,
                        float stepSize, float secondMomentCorrection, float l2Penalty, float keep, MemorySegment value,
                        MemorySegment grad, MemorySegment expAvg, MemorySegment expAvgSq) {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

        void apply(int start, int end) {
            long i = start + S.loopBound(end - start);
            vectors(start, i);
            for (; i < end; i++) {
                element(i);
            }
        }

        private void vectors(long start, long end) {
            for (long i = start; i < end; i += S.length()) {
                long at = i * Float.BYTES;
                FloatVector p = FloatVector.fromMemorySegment(S, value, at, ByteOrder.LITTLE_ENDIAN);
                FloatVector g = FloatVector.fromMemorySegment(S, grad, at, ByteOrder.LITTLE_ENDIAN);
                if (l2Penalty != 0) {
                    g = g.add(p.mul(l2Penalty));
                }
                if (keep != 1) {
                    p = p.mul(keep);
                }
                FloatVector m = FloatVector.fromMemorySegment(S, expAvg, at, ByteOrder.LITTLE_ENDIAN).mul(beta1)
                        .add(g.mul(gradientShare));
                FloatVector v = FloatVector.fromMemorySegment(S, expAvgSq, at, ByteOrder.LITTLE_ENDIAN).mul(beta2)
                        .add(g.mul(squareShare).mul(g));
                m.intoMemorySegment(expAvg, at, ByteOrder.LITTLE_ENDIAN);
                v.intoMemorySegment(expAvgSq, at, ByteOrder.LITTLE_ENDIAN);
                FloatVector denominator = v.sqrt().div(secondMomentCorrection).add(epsilon);
                p.sub(m.mul(stepSize).div(denominator)).intoMemorySegment(value, at, ByteOrder.LITTLE_ENDIAN);
            }
        }

        private void element(long i) {
            float p = value.getAtIndex(F32, i);
            float g = grad.getAtIndex(F32, i);
            if (l2Penalty != 0) {
                g += l2Penalty * p;
            }
            if (keep != 1) {
                p *= keep;
            }
            float m = beta1 * expAvg.getAtIndex(F32, i) + gradientShare * g;
            float v = beta2 * expAvgSq.getAtIndex(F32, i) + squareShare * g * g;
            expAvg.setAtIndex(F32, i, m);
            expAvgSq.setAtIndex(F32, i, v);
            float denominator = (float) Math.sqrt(v) / secondMomentCorrection + epsilon;
            value.setAtIndex(F32, i, p - stepSize * m / denominator);
        }
    }
}
