package dev.rein.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class LaneSumsTest {
    private static final int LANES = FloatVector.SPECIES_PREFERRED.length();

    /** The butterfly order written out in scalar code: what the sum must equal bit for bit, compiled or not. */
    private static float butterfly(float[] lanes) {
        float[] v = lanes.clone();
        for (int half = LANES / 2; half >= 1; half /= 2) {
            float[] next = new float[LANES];
            for (int i = 0; i < LANES; i++) {
                next[i] = v[i] + v[i ^ half];
            }
            v = next;
        }
        return v[0];
    }

    @Test
    void sumsInTheButterflyOrderBeforeAndAfterTheJitCompilesIt() {
        SplittableRandom random = new SplittableRandom(7);
        float[] lanes = new float[LANES];
        // Many calls, so that LaneSums.sum runs interpreted first and compiled (intrinsified) later; every call must
        // give the scalar butterfly's bits. reduceLanes(ADD) fails this on AVX-512 (its two paths add in other orders).
        for (int call = 0; call < 200_000; call++) {
            for (int i = 0; i < LANES; i++) {
                lanes[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
            }
            float expected = butterfly(lanes);
            float actual = LaneSums.sum(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, lanes, 0));
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual), "call " + call);
        }
    }
}
