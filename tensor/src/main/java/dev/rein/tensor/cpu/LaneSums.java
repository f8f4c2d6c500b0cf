package dev.rein.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of a vector's lanes in one fixed order. {@code FloatVector.reduceLanes(ADD)} leaves the order unspecified,
 * and HotSpot uses one order in its Java fallback (before the JIT compiles the caller) and another once intrinsified,
 * so the same inputs summed early and late in a process differed in the last bits, and a training run repeated with
 * the same seed in a new process drifted. Here lanes are added by halves (lane i + lane i^h, for h = n/2 ... 1), each
 * step an elementwise add, which rounds the same compiled or not.
 *
 * <p>Every method here is smaller than C2's limit for inlining a call it does not consider hot (35 bytes of bytecode),
 * and every shuffle is its own constant. The first version looped over an array of shuffles: 42 bytes, so C2 did not
 * inline it at the kernels' loop exits, and compiled on its own its vector calls were virtual (nothing told it the
 * vector's class), which made C2 box the kernels' accumulators: on AVX-512 the F32 matrix-vector product allocated 280
 * MB of boxed vectors per 180 MB product and ran about 40 times slower.
 */
final class LaneSums {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** log2 of the lane count: the halving steps needed (at most 6: up to 64 lanes, 2048-bit vectors). */
    private static final int STEPS = Integer.numberOfTrailingZeros(F.length());
    private static final VectorShuffle<Float> STEP_1 = butterfly(1);
    private static final VectorShuffle<Float> STEP_2 = butterfly(2);
    private static final VectorShuffle<Float> STEP_3 = butterfly(3);
    private static final VectorShuffle<Float> STEP_4 = butterfly(4);
    private static final VectorShuffle<Float> STEP_5 = butterfly(5);
    private static final VectorShuffle<Float> STEP_6 = butterfly(6);

    private LaneSums() {
    }

    /** The sum of {@code v}'s lanes ({@code v} of the preferred species), the same bits whether compiled or not. */
    static float sum(FloatVector v) {
        return lastSteps(firstSteps(v)).lane(0);
    }

    private static FloatVector firstSteps(FloatVector v) {
        return step(step(step(v, STEP_1, 1), STEP_2, 2), STEP_3, 3);
    }

    private static FloatVector lastSteps(FloatVector v) {
        return step(step(step(v, STEP_4, 4), STEP_5, 5), STEP_6, 6);
    }

    /** Step {@code k}: lane i plus lane i ^ (n >> k), when the species has that many steps; else {@code v}. */
    private static FloatVector step(FloatVector v, VectorShuffle<Float> pairs, int k) {
        return k <= STEPS ? v.add(v.rearrange(pairs)) : v;
    }

    /** Pairs lane i with lane i ^ (n >> k) (an unused identity when the species has fewer than k steps). */
    private static VectorShuffle<Float> butterfly(int k) {
        int half = k <= STEPS ? F.length() >> k : 0;
        return VectorShuffle.fromOp(F, lane -> lane ^ half);
    }
}
