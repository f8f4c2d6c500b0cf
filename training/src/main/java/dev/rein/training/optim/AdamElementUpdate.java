package dev.rein.training.optim;

import static dev.rein.training.optim.F32Elements.F32;

import dev.rein.tensor.cpu.Parallel;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adam's per-element update over one parameter's elements (see {@link AdamFamily} for the formula), one vector of
 * elements at a time and the last few one by one. The vector loop does the same IEEE operations in the same order as
 * the element loop (separate multiplies and adds, no fused multiply-add; a float square root, which equals the
 * rounded double root the element loop takes), so both give bit-identical parameters and moments.
 *
 * @param value                  the parameter's elements, updated in place
 * @param grad                   its gradient
 * @param expAvg                 the first moment m, updated in place
 * @param expAvgSq               the second moment v, updated in place
 * @param beta1                  m's decay
 * @param beta2                  v's decay
 * @param gradientShare          1 − β1
 * @param squareShare            1 − β2
 * @param epsilon                added to the denominator
 * @param stepSize               lr / (1 − β1ᵗ)
 * @param secondMomentCorrection √(1 − β2ᵗ)
 * @param l2Penalty              weight decay added to the gradient (Adam), else 0
 * @param keep                   factor on the parameter before the step, 1 − lr·wd (AdamW), else 1
 */
record AdamElementUpdate(MemorySegment value, MemorySegment grad, MemorySegment expAvg, MemorySegment expAvgSq,
                         float beta1, float beta2, float gradientShare, float squareShare, float epsilon,
                         float stepSize, float secondMomentCorrection, float l2Penalty, float keep)
        implements Parallel.RangeBody {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /** Elements [start, end): whole vectors first, then the rest one by one. */
    @Override
    public void run(int start, int end) {
        int vectorEnd = start + (end - start) / SPECIES.length() * SPECIES.length();
        for (int i = start; i < vectorEnd; i += SPECIES.length()) {
            long at = (long) i * Float.BYTES;
            FloatVector p = FloatVector.fromMemorySegment(SPECIES, value, at, ORDER);
            FloatVector g = FloatVector.fromMemorySegment(SPECIES, grad, at, ORDER);
            if (l2Penalty != 0) {
                g = g.add(p.mul(l2Penalty));
            }
            if (keep != 1) {
                p = p.mul(keep);
            }
            FloatVector m = FloatVector.fromMemorySegment(SPECIES, expAvg, at, ORDER).mul(beta1)
                    .add(g.mul(gradientShare));
            FloatVector v = FloatVector.fromMemorySegment(SPECIES, expAvgSq, at, ORDER).mul(beta2)
                    .add(g.mul(squareShare).mul(g));
            m.intoMemorySegment(expAvg, at, ORDER);
            v.intoMemorySegment(expAvgSq, at, ORDER);
            FloatVector denominator = v.lanewise(VectorOperators.SQRT).div(secondMomentCorrection).add(epsilon);
            p.sub(m.mul(stepSize).div(denominator)).intoMemorySegment(value, at, ORDER);
        }
        runElements(vectorEnd, end);
    }

    /** Elements [start, end) one by one: the reference the vector loop matches bit for bit. */
    void runElements(int start, int end) {
        for (long i = start; i < end; i++) {
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
