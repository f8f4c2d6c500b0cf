package dev.rein.bench;

import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.TensorRandom;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * A linear layer's product x [rows, in] @ W^T (W [out, in] stored as F32, BF16 or F16) timed in the calling
 * thread's CPU time, as GFLOP per CPU-second. Run it with {@code -XX:ActiveProcessorCount=1} so that the product
 * runs on the calling thread alone: on a machine shared with other processes, wall time (what JMH measures) counts
 * the time the thread waits for a core, CPU time counts only the work, so kernels can be compared between runs
 * taken minutes apart at different loads. Compare the figures with one core's share of the FMA peak.
 *
 * <pre>
 * java -XX:ActiveProcessorCount=1 --add-modules jdk.incubator.vector -cp ... dev.rein.bench.ProductCpuTime \
 *     [rows] [type,type,...] [OUTxIN ...]      (defaults: 256, F32,BF16, Llama-3.2-1B's three linear shapes)
 * </pre>
 */
public final class ProductCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int WARM_UP = 5;
    private static final int RUNS = 15;

    private ProductCpuTime() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        String[] types = (args.length > 1 ? args[1] : "F32,BF16").split(",");
        String[] shapes = args.length > 2
                ? Arrays.copyOfRange(args, 2, args.length)
                : new String[] {"2048x2048", "8192x2048", "2048x8192"};
        for (String shape : shapes) {
            String[] dims = shape.split("x");
            for (String type : types) {
                Spread gflops = measure(rows, Integer.parseInt(dims[0]), Integer.parseInt(dims[1]),
                        DType.valueOf(type), RUNS);
                System.out.printf(Locale.ROOT, "%-10s %-5s rows %d: %s GFLOP per CPU-second (%d runs)%n", shape,
                        type, rows, gflops.format("%.1f"), gflops.count());
            }
        }
    }

    /** GFLOP per CPU-second of {@code runs} products [rows, in] @ W^T, W [out, in] in {@code type}, after warm-up. */
    static Spread measure(int rows, int out, int in, DType type, int runs) {
        TensorRandom random = new TensorRandom(1);
        Tensor weight = random.uniform(-1, 1, out, in).to(type);
        PreallocatedProduct product = new PreallocatedProduct(random.uniform(-1, 1, rows, in), weight.mT());
        double flops = 2.0 * rows * out * in;
        double[] gflops = new double[runs];
        for (int i = -WARM_UP; i < runs; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            product.run();
            long nanos = THREADS.getCurrentThreadCpuTime() - start;
            if (i >= 0) {
                gflops[i] = flops / Math.max(1, nanos);
            }
        }
        return Spread.of(gflops);
    }
}
