package dev.rein.bench.jmh;

import dev.rein.bench.PreallocatedProduct;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.TensorRandom;
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
 * A prompt through one linear layer of Llama-3.2-1B: x [rows, in] @ W^T with W [out, in] stored as {@code type}
 * (the transposed view {@code linear} passes, so the packed GEMM reads W's rows along K). Shapes: the attention
 * projections (2048 x 2048), the MLP's gate/up (8192 x 2048) and down (2048 x 8192) projections.
 * GFLOP/s = 2 * rows * out * in / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class PrefillLinearBenchmark {
    /** out x in of W. */
    @Param({"2048x2048", "8192x2048", "2048x8192"})
    public String shape;

    @Param({"F32", "BF16", "F16"})
    public String type;

    @Param({"256"})
    public int rows;

    private PreallocatedProduct product;

    @Setup
    public void setup() {
        String[] dims = shape.split("x");
        int out = Integer.parseInt(dims[0]);
        int in = Integer.parseInt(dims[1]);
        TensorRandom random = new TensorRandom(1);
        Tensor weight = random.uniform(-1, 1, out, in).to(DType.valueOf(type));
        product = new PreallocatedProduct(random.uniform(-1, 1, rows, in), weight.mT());
    }

    @Benchmark
    public Tensor linear() {
        return product.run();
    }
}
