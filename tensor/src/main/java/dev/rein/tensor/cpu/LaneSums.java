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
 */
final class LaneSums {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** {@code BUTTERFLIES[k]} pairs lane i with lane i ^ (n >> (k + 1)). */
    private static final VectorShuffle<Float>[] BUTTERFLIES = butterflies(F);

    private LaneSums() {
    }

    /** The sum of {@code v}'s lanes ({@code v} of the preferred species), the same bits whether compiled or not. */
    static float sum(FloatVector v) {
        for (VectorShuffle<Float> butterfly : BUTTERFLIES) {
            v = v.add(v.rearrange(butterfly));
        }
        return v.lane(0);
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] butterflies(VectorSpecies<Float> species) {
        int n = species.length();
        int steps = Integer.numberOfTrailingZeros(n);
        VectorShuffle<Float>[] shuffles = new VectorShuffle[steps];
        for (int k = 0; k < steps; k++) {
            int half = n >> (k + 1);
            shuffles[k] = VectorShuffle.fromOp(species, lane -> lane ^ half);
        }
        return shuffles;
    }
}
