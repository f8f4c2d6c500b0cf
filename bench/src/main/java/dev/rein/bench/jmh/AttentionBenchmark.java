package dev.rein.bench.jmh;

import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.Backend;
import dev.rein.tensor.Backends;
import dev.rein.tensor.NeuralOps;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.RopeConvention;
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
 * The CPU attention kernels at one small-model layer's sizes, called on the backend directly (no output
 * allocation). GFLOP/s of attention = 4 * B * Hq * Tq * Tk_visible * D / time; the causal prefill at T = 256
 * sees T(T+1)/2 keys per head, i.e. 4 * 8 * 32896 * 64 = 67.4 MFLOP; the decode step (Tq = 1, Tk = 512)
 * 4 * 8 * 512 * 64 = 1.05 MFLOP.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class AttentionBenchmark {
    private static final int HQ = 8;
    private static final int HKV = 2;
    private static final int T = 256;
    private static final int D = 64;
    private static final int CACHE_LEN = 512;
    private static final int CACHE_CAPACITY = 1024;

    private final Backend backend = Backends.current();
    private final AttentionSpec spec = AttentionSpec.causal(D);
    private Tensor q;
    private Tensor k;
    private Tensor v;
    private Tensor out;
    private Tensor qStep;
    private Tensor kCache;
    private Tensor vCache;
    private Tensor outStep;
    private Tensor positions;
    private Tensor laterPositions;
    private boolean later;
    private Tensor invFreq;
    private Tensor ropeOut;

    @Setup
    public void setup() {
        TensorRandom random = new TensorRandom(1);
        q = random.normal(0f, 1f, 1, HQ, T, D);
        k = random.normal(0f, 1f, 1, HKV, T, D);
        v = random.normal(0f, 1f, 1, HKV, T, D);
        out = Tensor.zeros(1, HQ, T, D);
        qStep = random.normal(0f, 1f, 1, HQ, 1, D);
        // a KV cache of CACHE_CAPACITY positions with the first CACHE_LEN filled: narrowed views
        kCache = random.normal(0f, 1f, 1, HKV, CACHE_CAPACITY, D).narrow(2, 0, CACHE_LEN);
        vCache = random.normal(0f, 1f, 1, HKV, CACHE_CAPACITY, D).narrow(2, 0, CACHE_LEN);
        outStep = Tensor.zeros(1, HQ, 1, D);
        long[] pos = new long[T];
        for (int i = 0; i < T; i++) {
            pos[i] = i;
        }
        positions = Tensor.ofLongs(pos, 1, T);
        long[] next = new long[T];
        for (int i = 0; i < T; i++) {
            next[i] = T + i;
        }
        laterPositions = Tensor.ofLongs(next, 1, T);
        invFreq = NeuralOps.ropeInverseFrequencies(D, 10000);
        ropeOut = Tensor.zeros(1, HQ, T, D);
    }

    /** Causal prefill: q [1, 8, 256, 64], k/v [1, 2, 256, 64]. */
    @Benchmark
    public Tensor prefillCausal() {
        backend.attention(q, k, v, null, spec, out);
        return out;
    }

    /** One decode step: q [1, 8, 1, 64] against a cache view [1, 2, 512 of 1024, 64]. */
    @Benchmark
    public Tensor decodeFromCache() {
        backend.attention(qStep, kCache, vCache, null, spec, outStep);
        return outStep;
    }

    /** Rotary embedding of [1, 8, 256, 64], half-split. */
    @Benchmark
    public Tensor ropeHalfSplit() {
        backend.rope(q, positions, invFreq, RopeConvention.HALF_SPLIT, ropeOut);
        return ropeOut;
    }

    /**
     * Rotary embedding of [1, 8, 256, 64], half-split, at positions that change every call, so the cos/sin
     * table kept from the previous call (same positions, as for q and k of every layer) cannot be reused.
     */
    @Benchmark
    public Tensor ropeHalfSplitNewPositions() {
        later = !later;
        backend.rope(q, later ? laterPositions : positions, invFreq, RopeConvention.HALF_SPLIT, ropeOut);
        return ropeOut;
    }

    /** Rotary embedding of [1, 8, 256, 64], interleaved. */
    @Benchmark
    public Tensor ropeInterleaved() {
        backend.rope(q, positions, invFreq, RopeConvention.INTERLEAVED, ropeOut);
        return ropeOut;
    }
}
