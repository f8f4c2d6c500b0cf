package dev.rein.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.DType;
import org.junit.jupiter.api.Test;

class ProductCpuTimeTest {
    @Test
    void measuresEveryRunAsAFiniteRate() {
        Spread gflops = ProductCpuTime.measure(20, 40, 70, DType.BF16, 3);
        assertEquals(3, gflops.count());
        assertTrue(gflops.min() > 0 && Double.isFinite(gflops.max()), gflops::toString);
    }
}
