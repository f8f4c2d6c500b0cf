package dev.rein.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rein.tensor.Backend;
import dev.rein.tensor.Backends;
import dev.rein.tensor.DType;
import dev.rein.tensor.SoftmaxOp;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.cpu.Parallel;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measurements `rein bench` prints: the machine's limits (F32 FMA peak, memory read bandwidth) and
 * Rein's kernels as a percentage of them.
 *
 * <p>GEMM counts 2MKN flops; matrix-vector counts the weight bytes read; softmax and rms_norm count the bytes
 * read plus written. Every kernel is timed through {@link Backend} into a preallocated output, as a runtime
 * reusing its buffers calls it (a linear layer's weight arrives as the transposed view {@code W.mT()}). Each
 * kernel is run many times; the table shows its median run against the limits' medians, and the JSON keeps the best
 * run too. The limits are sampled before, between and after the kernel groups and reported as medians with
 * their range, with a warning when the range is too wide to trust a ratio.
 */
public final class BenchSuite {
    private static final double GEMM_TARGET = 0.60;
    private static final double MATVEC_TARGET = 0.70;
    private static final double ROW_OP_TARGET = 0.50;

    private BenchSuite() {
    }

    /**
     * @param quick    fewer sizes and shorter runs (seconds instead of a minute)
     * @param jsonOut  where to also write the figures as JSON, or null
     */
    public record Options(boolean quick, Path jsonOut) {
    }

    /**
     * One measured figure.
     *
     * @param value    GFLOP/s or GB/s
     * @param median   the median run, same unit
     * @param ratio    median over the median of the machine limit it is compared with
     * @param target   the ratio the kernel should reach, or NaN when none is set
     */
    public record Result(String kernel, String shape, String unit, double value, double median, String versus,
            double ratio, double target) {
        Result withRatio(double newRatio) {
            return new Result(kernel, shape, unit, value, median, versus, newRatio, target);
        }
    }

    /**
     * Sizes and time budgets of one run.
     *
     * @param fmaIterations  iterations of the peak loop per core (12 vector FMAs each)
     * @param bandwidthBytes size of the buffer streamed for the read bandwidth
     * @param squares        square GEMM sizes
     * @param linears        transformer-shaped {M, K, N} of {@code linear(x [M, K], W [N, K])}
     * @param matVec         {K, N} of the matrix-vector product (the weight should exceed the caches)
     * @param rowOps         {rows, cols} of softmax and rms_norm
     * @param budgetSeconds  time spent sampling each kernel
     */
    record Plan(long fmaIterations, long bandwidthBytes, int[] squares, int[][] linears, int[] matVec, int[] rowOps,
            double budgetSeconds) {
        static final Plan QUICK = new Plan(5_000_000, 256L << 20, new int[] {256, 1024},
                new int[][] {{512, 1024, 1024}}, new int[] {4096, 11008}, new int[] {4096, 4096}, 0.25);
        static final Plan FULL = new Plan(20_000_000, 1L << 30, new int[] {256, 512, 1024, 2048},
                new int[][] {{4096, 1024, 1024}, {4096, 1024, 4096}, {4096, 4096, 1024}}, new int[] {4096, 11008},
                new int[] {4096, 4096}, 1.0);
    }

    /** Runs every measurement and prints a table to {@code out}. */
    public static void run(Options options, PrintStream out) {
        run(options, options.quick() ? Plan.QUICK : Plan.FULL, out);
    }

    static void run(Options options, Plan plan, PrintStream out) {
        double budget = plan.budgetSeconds();
        out.printf(Locale.ROOT, "Rein bench (%s mode): %s, Java %s%n", options.quick() ? "quick" : "full",
                Backends.current().name(), System.getProperty("java.version"));

        List<Result> results = new ArrayList<>();
        TensorRandom random = new TensorRandom(7);
        // the limits are sampled before, between and after the kernel groups, so that their medians saw the same
        // conditions as the kernels (other processes on a shared machine come and go within a run)
        LimitSampler limits = new LimitSampler(List.of(MachineLimits.streamBuffer(plan.bandwidthBytes())),
                plan.fmaIterations());
        limits.sample();

        for (int size : plan.squares()) {
            Tensor a = random.uniform(-1, 1, size, size);
            Tensor b = random.uniform(-1, 1, size, size);
            double flops = 2.0 * size * size * size;
            Timing.Sample t = Timing.measure(new PreallocatedProduct(a, b)::run, 2, budget);
            double target = size >= 1024 ? GEMM_TARGET : Double.NaN;
            results.add(gemm("gemm f32", size + "x" + size + "x" + size, flops, t, target));
        }
        for (int[] mkn : plan.linears()) {
            // linear(x [M, K], W [N, K]): the weight reaches the kernel as a transposed view
            Tensor x = random.uniform(-1, 1, mkn[0], mkn[1]);
            Tensor w = random.uniform(-1, 1, mkn[2], mkn[1]);
            double flops = 2.0 * mkn[0] * mkn[1] * mkn[2];
            Timing.Sample t = Timing.measure(new PreallocatedProduct(x, w.mT())::run, 1, budget);
            results.add(gemm("linear f32", mkn[0] + "x" + mkn[1] + "x" + mkn[2], flops, t, Double.NaN));
        }

        limits.sample();
        int k = plan.matVec()[0];
        int n = plan.matVec()[1];
        Tensor weightF32 = random.uniform(-1, 1, n, k);
        for (DType dtype : new DType[] {DType.F32, DType.BF16}) {
            Tensor weight = dtype == DType.F32 ? weightF32 : weightF32.to(dtype);
            Tensor x = random.uniform(-1, 1, 1, k);
            double bytes = (double) n * k * dtype.byteSize();
            Timing.Sample t = Timing.measure(new PreallocatedProduct(x, weight.mT())::run, 3, budget);
            results.add(bandwidth("matvec " + dtype.name().toLowerCase(Locale.ROOT), "1x" + k + "x" + n, bytes, t,
                    MATVEC_TARGET));
        }

        limits.sample();
        int rows = plan.rowOps()[0];
        int cols = plan.rowOps()[1];
        Tensor input = random.uniform(-4, 4, rows, cols);
        Tensor output = Tensor.zeros(rows, cols);
        Tensor gamma = random.uniform(0.5f, 1.5f, cols);
        Backend backend = Backends.current();
        double rowBytes = 2.0 * rows * cols * 4;
        Timing.Sample softmax = Timing.measure(() -> backend.softmaxRows(SoftmaxOp.SOFTMAX, input, output), 3, budget);
        results.add(bandwidth("softmax", rows + "x" + cols, rowBytes, softmax, ROW_OP_TARGET));
        Timing.Sample rms = Timing.measure(() -> backend.rmsNormRows(input, gamma, 1e-6f, 0f, output), 3, budget);
        results.add(bandwidth("rms_norm", rows + "x" + cols, rowBytes, rms, ROW_OP_TARGET));

        limits.sample();
        Spread peaks = limits.peak();
        Spread bandwidths = limits.bandwidth();
        double peak = peaks.median();
        double bandwidth = bandwidths.median();
        out.printf(Locale.ROOT, "F32 FMA peak     %s GFLOP/s  (register-only FMA loop, %d cores, %d samples)%n",
                peaks.format("%.1f"), Parallel.THREADS, peaks.count());
        out.printf(Locale.ROOT, "Read bandwidth   %s GB/s  (vector loads over %d MiB, %d cores, %d samples)%n",
                bandwidths.format("%.1f"), plan.bandwidthBytes() >> 20, Parallel.THREADS, bandwidths.count());
        for (Spread limit : new Spread[] {peaks, bandwidths}) {
            if (!limit.trustworthy()) {
                out.printf(Locale.ROOT, "WARNING: a limit's samples spread ±%.0f%% (over ±%.0f%%): the machine was not "
                        + "steady, the ratios below are not to be trusted%n", 100 * limit.halfRange(),
                        100 * Spread.TRUSTED_HALF_RANGE);
            }
        }
        out.println();
        Table table = new Table(out);
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            results.set(i, r.withRatio(r.median() / (r.versus().equals("peak") ? peak : bandwidth)));
            table.add(results.get(i));
        }

        if (options.jsonOut() != null) {
            writeJson(options, peaks, bandwidths, results);
            out.println();
            out.println("Wrote " + options.jsonOut());
        }
    }

    private static Result gemm(String kernel, String shape, double flops, Timing.Sample t, double target) {
        return new Result(kernel, shape, "GFLOP/s", flops / t.best() / 1e9, flops / t.median() / 1e9, "peak",
                Double.NaN, target);
    }

    private static Result bandwidth(String kernel, String shape, double bytes, Timing.Sample t, double target) {
        return new Result(kernel, shape, "GB/s", bytes / t.best() / 1e9, bytes / t.median() / 1e9, "bandwidth",
                Double.NaN, target);
    }

    private static void writeJson(Options options, Spread peak, Spread bandwidth, List<Result> results) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("mode", options.quick() ? "quick" : "full");
        doc.put("backend", Backends.current().name());
        doc.put("java", System.getProperty("java.version"));
        doc.put("cores", Parallel.THREADS);
        doc.put("peakGflops", peak.median());
        doc.put("peakGflopsRange", List.of(peak.min(), peak.max()));
        doc.put("readBandwidthGBs", bandwidth.median());
        doc.put("readBandwidthGBsRange", List.of(bandwidth.min(), bandwidth.max()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kernel", r.kernel());
            row.put("shape", r.shape());
            row.put("unit", r.unit());
            row.put("value", r.value());
            row.put("median", r.median());
            row.put("versus", r.versus());
            row.put("ratio", r.ratio());
            row.put("target", Double.isNaN(r.target()) ? null : r.target());
            row.put("meetsTarget", Double.isNaN(r.target()) ? null : r.ratio() >= r.target());
            rows.add(row);
        }
        doc.put("results", rows);
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(options.jsonOut().toFile(), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The aligned table of results. */
    private static final class Table {
        private static final String FORMAT = "%-12s %-16s %10s %-8s %7s %-10s %7s %s%n";
        private final PrintStream out;

        Table(PrintStream out) {
            this.out = out;
            out.printf(Locale.ROOT, FORMAT, "kernel", "shape (MxKxN)", "value", "unit", "ratio", "of", "target", "");
        }

        void add(Result r) {
            boolean hasTarget = !Double.isNaN(r.target());
            out.printf(Locale.ROOT, FORMAT, r.kernel(), r.shape(), String.format(Locale.ROOT, "%.1f", r.median()),
                    r.unit(), percent(r.ratio()), r.versus(), hasTarget ? percent(r.target()) : "-",
                    hasTarget ? (r.ratio() >= r.target() ? "ok" : "MISSED") : "");
        }

        private static String percent(double ratio) {
            return String.format(Locale.ROOT, "%.0f%%", 100 * ratio);
        }
    }
}
