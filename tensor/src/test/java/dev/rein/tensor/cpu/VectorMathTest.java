package dev.rein.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The vector exp against Math.exp: within 2 ulp over the whole float range, exact at the special values. The lane
 * sum in its one pairwise order, whether the JIT has compiled it yet or not.
 */
class VectorMathTest {
    private static float exp(float x) {
        return VectorMath.exp(FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, x)).lane(0);
    }

    @Test
    void withinTwoUlpOfTheExactValue() {
        float worst = 0f;
        for (float x = -87.3f; x < 88.7f; x += 0.000731f) {
            float expected = (float) Math.exp(x);
            float ulps = Math.abs(exp(x) - expected) / Math.ulp(expected);
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= 2f, "worst error " + worst + " ulp");
    }

    @Test
    void everyFloatAroundTheLargestExponentIsFinite() {
        // x / ln2 crosses 127.5 here: the lanes whose 2^n would need exponent 128
        for (float x = 88.370f; x <= 88.382f; x = Math.nextUp(x)) {
            float expected = (float) Math.exp(x);
            assertEquals(expected, exp(x), 2 * Math.ulp(expected), "exp(" + x + ")");
        }
    }

    @Test
    void nonPositiveVariantAgreesWithTheGeneralOne() {
        for (float x = -90f; x <= 0f; x += 0.000917f) {
            FloatVector v = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, x);
            assertEquals(VectorMath.exp(v).lane(0), VectorMath.expNonPositive(v).lane(0), "exp(" + x + ")");
        }
        FloatVector minusInf = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, Float.NEGATIVE_INFINITY);
        assertEquals(0f, VectorMath.expNonPositive(minusInf).lane(0));
    }

    @Test
    void lanesAreIndependent() {
        float[] x = new float[FloatVector.SPECIES_PREFERRED.length()];
        for (int i = 0; i < x.length; i++) {
            x[i] = -3f + 1.7f * i;
        }
        float[] y = VectorMath.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, 0)).toArray();
        for (int i = 0; i < x.length; i++) {
            assertEquals((float) Math.exp(x[i]), y[i], 2 * Math.ulp((float) Math.exp(x[i])));
        }
    }

    @Test
    void specialValues() {
        assertEquals(1f, exp(0f));
        assertEquals(1f, exp(-0f));
        assertEquals(0f, exp(Float.NEGATIVE_INFINITY)); // masked softmax entries must vanish exactly
        assertEquals(0f, exp(-100f));
        assertEquals(Float.POSITIVE_INFINITY, exp(Float.POSITIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, exp(89f));
        assertTrue(Float.isNaN(exp(Float.NaN)));
        assertEquals((float) Math.exp(88.7f), exp(88.7f), 2 * Math.ulp((float) Math.exp(88.7f)));
    }

    @Test
    void theLaneSumAddsInOnePairwiseOrderColdAndCompiled() {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        Random random = new Random(5);
        float[][] rows = new float[64][lanes];
        for (float[] row : rows) {
            for (int i = 0; i < lanes; i++) {
                row[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
            }
        }
        for (int round = 0; round < 5_000; round++) {                   // long enough for C2 to compile sum
            for (float[] row : rows) {
                float sum = VectorMath.sum(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, row, 0));
                assertEquals(Float.floatToIntBits(pairwise(row)), Float.floatToIntBits(sum), "round " + round);
            }
        }
    }

    /** Lane i plus lane i + L/2 (mod L), then L/4, ..., 1, as scalars: lane 0 at the end. */
    private static float pairwise(float[] row) {
        float[] lanes = row.clone();
        for (int shift = lanes.length / 2; shift >= 1; shift /= 2) {
            float[] next = new float[lanes.length];
            for (int i = 0; i < lanes.length; i++) {
                next[i] = lanes[i] + lanes[(i + shift) % lanes.length];
            }
            lanes = next;
        }
        return lanes[0];
    }
}
