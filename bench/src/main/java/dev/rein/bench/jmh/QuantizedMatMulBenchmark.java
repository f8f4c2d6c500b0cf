package dev.rein.bench.jmh;

import dev.rein.bench.PreallocatedProduct;
import dev.rein.formats.gguf.GgufTensorType;
import dev.rein.formats.gguf.Quantization;
import dev.rein.tensor.DType;
import dev.rein.tensor.Shapes;
import dev.rein.tensor.Storage;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.TensorRandom;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
 * The block-quantised linear layer, as {@link MatVecBenchmark} for F32/BF16: x [rows, 4096] @ W^T with W
 * [11008, 4096] quantised by ggml's reference quantisers (Q8_0 48 MB, Q4_0 25 MB, Q4_K 25 MB, Q6_K 37 MB) in off-heap memory,
 * as a GGUF model's weights are, against the same layer in F32 (180 MB) and BF16 (90 MB). rows 1 is decode (the blocks
 * read directly), 8 a batch of decoded sequences (still read directly, {@code MatVec.MAX_ROWS}), 64 a prompt (the
 * packed GEMM decoding slices of the blocks). GB/s for decode = weight bytes / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class QuantizedMatMulBenchmark {
    private static final int OUT = 11008;
    private static final int IN = 4096;

    @Param({"F32", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    public String type;

    @Param({"1", "8", "64", "256"})
    public int rows;

    private PreallocatedProduct product;

    @Setup
    public void setup() {
        TensorRandom random = new TensorRandom(1);
        Tensor x = random.uniform(-1, 1, rows, IN);
        Tensor floats = random.uniform(-1, 1, OUT, IN);
        if (type.equals("F32") || type.equals("BF16")) {             // the baselines the quantised types replace
            product = new PreallocatedProduct(x, floats.to(DType.valueOf(type)).mT());
            return;
        }
        float[] weights = floats.toFloatArray();
        byte[] blocks = Quantization.encode(GgufTensorType.valueOf(type), weights);
        MemorySegment stored = Arena.ofAuto().allocate(blocks.length, 64);
        MemorySegment.copy(blocks, 0, stored, ValueLayout.JAVA_BYTE, 0, blocks.length);
        int[] shape = {OUT, IN};
        Tensor weight = new Tensor(Storage.wrap(stored), DType.valueOf(type), shape, Shapes.contiguousStrides(shape),
                0);
        product = new PreallocatedProduct(x, weight.mT()); // the view linear(x, weight) passes
    }

    @Benchmark
    public Tensor linear() {
        return product.run();
    }
}
