package dev.rein.bench.jmh;

import dev.rein.bench.PreallocatedProduct;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Square F32 GEMM a [n, n] @ b [n, n] into a preallocated output; GFLOP/s = 2 n^3 / time. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
    @Param({"256", "512", "1024", "2048"})
    public int size;

    private PreallocatedProduct product;

    @Setup
    public void setup() {
        TensorRandom random = new TensorRandom(1);
        product = new PreallocatedProduct(random.uniform(-1, 1, size, size), random.uniform(-1, 1, size, size));
    }

    @Benchmark
    public Tensor matmul() {
        return product.run();
    }
}
