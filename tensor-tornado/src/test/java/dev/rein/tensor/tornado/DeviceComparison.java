package dev.rein.tensor.tornado;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rein.tensor.Tensor;
import dev.rein.tensor.cpu.CpuBackend;

/**
 * What the tests of this module share: one {@link TornadoBackend} for the whole run (plans are compiled once per
 * kernel), skipping when TornadoVM cannot start here, and the comparison of a device result with the CPU backend's,
 * which prints the largest absolute and relative differences (the figures docs/gpu.md quotes) and fails beyond the
 * stated tolerance.
 */
final class DeviceComparison {
    private static TornadoBackend device;
    private static String unavailable;

    private DeviceComparison() {
    }

    static CpuBackend cpu() {
        return CpuBackend.instance();
    }

    /** The device backend; skips the test with TornadoVM's reason when it cannot start. */
    static synchronized TornadoBackend device() {
        if (device == null && unavailable == null) {
            try {
                device = new TornadoBackend();
            } catch (RuntimeException | LinkageError e) {
                unavailable = e.toString();
            }
        }
        assumeTrue(device != null, () -> "TornadoVM is not available: " + unavailable);
        return device;
    }

    /**
     * Asserts that every element of {@code actual} is within {@code absolute + relative * |expected|} of
     * {@code expected} (NaN matching NaN, infinities matching exactly), and prints the largest differences.
     */
    static void assertClose(String what, Tensor expected, Tensor actual, double absolute, double relative) {
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        assertTrue(e.length == a.length, what + ": " + e.length + " expected values, " + a.length + " actual");
        double maxAbs = 0;
        double maxRel = 0;
        for (int i = 0; i < e.length; i++) {
            if (Float.isNaN(e[i]) || Float.isInfinite(e[i])) {
                assertTrue(Float.compare(e[i], a[i]) == 0, what + ": element " + i + " is " + a[i] + ", expected "
                        + e[i]);
                continue;
            }
            double diff = Math.abs((double) e[i] - a[i]);
            assertTrue(diff <= absolute + relative * Math.abs(e[i]), what + ": element " + i + " is " + a[i]
                    + ", expected " + e[i] + " (tolerance " + absolute + " + " + relative + " * |expected|)");
            maxAbs = Math.max(maxAbs, diff);
            if (e[i] != 0f) {
                maxRel = Math.max(maxRel, diff / Math.abs(e[i]));
            }
        }
        System.out.printf("tornado vs cpu | %-40s | max abs %.2e | max rel %.2e | %d values%n", what, maxAbs, maxRel,
                e.length);
    }
}
