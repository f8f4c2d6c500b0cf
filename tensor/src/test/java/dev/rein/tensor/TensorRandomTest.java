package dev.rein.tensor;

import static dev.rein.tensor.TensorTesting.assertShape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The documented SplitMix64 generator: reproducible streams and the right moments. */
class TensorRandomTest {

    @Test
    void splitMix64MatchesThePublishedSequence() {
        // the reference C implementation (Vigna's splitmix64.c) from state 0
        TensorRandom r = new TensorRandom(0);
        assertEquals(0xE220A8397B1DCDAFL, r.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, r.nextLong());
        assertEquals(0x06C45D188009454FL, r.nextLong());
    }

    @Test
    void sameSeedSameValuesAndShapeDoesNotMatter() {
        float[] a = new TensorRandom(42).normal(0f, 1f, 4, 5).toFloatArray();
        float[] b = new TensorRandom(42).normal(0f, 1f, 20).toFloatArray();
        assertArrayEquals(a, b);
        assertArrayEquals(new TensorRandom(7).uniform(-1f, 1f, 3, 3).toFloatArray(), new TensorRandom(7).uniform(-1f, 1f, 9).toFloatArray());
        assertFalse(Arrays.equals(a, new TensorRandom(43).normal(0f, 1f, 20).toFloatArray()));
        // a second draw continues the stream rather than restarting it
        TensorRandom r = new TensorRandom(42);
        float[] first = r.normal(0f, 1f, 10).toFloatArray();
        float[] second = r.normal(0f, 1f, 10).toFloatArray();
        assertArrayEquals(Arrays.copyOfRange(a, 10, 20), second);
        assertArrayEquals(Arrays.copyOfRange(a, 0, 10), first);
    }

    @Test
    void normalMomentsAreWithinFiveStandardErrors() {
        int n = 200_000;
        float mean = 3f;
        float std = 2f;
        Tensor t = new TensorRandom(1234).normal(mean, std, n);
        assertShape(t, n);
        double[] m = moments(t.toFloatArray());
        double seMean = std / Math.sqrt(n);
        double seStd = std / Math.sqrt(2.0 * n);
        assertEquals(mean, m[0], 5 * seMean, "sample mean");
        assertEquals(std, m[1], 5 * seStd, "sample std");
        // standardised third and fourth moments of a normal: 0 and 3 (standard errors sqrt(6/n), sqrt(24/n))
        assertEquals(0.0, m[2], 5 * Math.sqrt(6.0 / n), "skewness");
        assertEquals(3.0, m[3], 5 * Math.sqrt(24.0 / n), "kurtosis");
    }

    @Test
    void uniformStaysInRangeWithTheRightMoments() {
        int n = 200_000;
        float[] u = new TensorRandom(99).uniform(-1f, 3f, n).toFloatArray();
        for (float v : u) {
            assertTrue(v >= -1f && v < 3f, "value " + v + " outside [-1, 3)");
        }
        double[] m = moments(u);
        double std = 4 / Math.sqrt(12);
        assertEquals(1.0, m[0], 5 * std / Math.sqrt(n), "sample mean");
        assertEquals(std, m[1], 5 * std / Math.sqrt(n), "sample std");
        TensorRandom r = new TensorRandom(5);
        for (int i = 0; i < 10_000; i++) {
            int k = r.nextInt(7);
            assertTrue(k >= 0 && k < 7);
            double d = r.nextDouble();
            assertTrue(d >= 0 && d < 1);
        }
    }

    /** Mean, standard deviation, skewness, kurtosis. */
    private static double[] moments(float[] x) {
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (float v : x) {
            double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        m2 /= x.length;
        m3 /= x.length;
        m4 /= x.length;
        return new double[] {mean, Math.sqrt(m2), m3 / Math.pow(m2, 1.5), m4 / (m2 * m2)};
    }
}
