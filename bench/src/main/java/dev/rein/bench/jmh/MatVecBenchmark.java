package dev.rein.bench.jmh;

import dev.rein.bench.PreallocatedProduct;
import dev.rein.tensor.DType;
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

/**
 * Decode-time linear layer: x [1, 4096] @ W^T with W [11008, 4096] stored as F32 (180 MB) or BF16 (90 MB), larger
 * than the caches; GB/s = weight bytes / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class MatVecBenchmark {
    @Param({"F32", "BF16"})
    public DType dtype;

    private PreallocatedProduct product;

    @Setup
    public void setup() {
        TensorRandom random = new TensorRandom(1);
        Tensor x = random.uniform(-1, 1, 1, 4096);
        Tensor weight = random.uniform(-1, 1, 11008, 4096).to(dtype);
        product = new PreallocatedProduct(x, weight.mT()); // the view linear(x, weight) passes
    }

    @Benchmark
    public Tensor linear() {
        return product.run();
    }
}
