package dev.rein.bench.jmh;

import dev.rein.tensor.Backend;
import dev.rein.tensor.Backends;
import dev.rein.tensor.SoftmaxOp;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Softmax and RMS norm over rows of x [4096, 4096] F32 (64 MiB in, 64 MiB out, beyond the caches) into a
 * preallocated output; GB/s = 128 MiB / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class RowOpsBenchmark {
    private final Backend backend = Backends.current();
    private Tensor x;
    private Tensor weight;
    private Tensor out;

    @Setup
    public void setup() {
        TensorRandom random = new TensorRandom(1);
        x = random.uniform(-4, 4, 4096, 4096);
        weight = random.uniform(0.5f, 1.5f, 4096);
        out = Tensor.zeros(4096, 4096);
    }

    @Benchmark
    public Tensor softmax() {
        backend.softmaxRows(SoftmaxOp.SOFTMAX, x, out);
        return out;
    }

    @Benchmark
    public Tensor rmsNorm() {
        backend.rmsNormRows(x, weight, 1e-6f, 0f, out);
        return out;
    }
}
