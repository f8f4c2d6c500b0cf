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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU attention kernels at one small-model layer's sizes, called on the backend directly (no output
 * allocation). GFLOP/s of attention = 4 * B * Hq * Tq * Tk_visible * D / time: the causal prefill of T tokens sees
 * T(T+1)/2 keys per head, 4 * 8 * 32896 * 64 = 67.4 MFLOP at T = 256 and 4.30 GFLOP at T = 2048 (eight blocks of
 * 256 keys for the flash-style forward's online softmax); a decode step (Tq = 1) 4 * Hq * Tk * D, e.g. 0.79 MFLOP
 * for GPT-2's 12 heads at 256 cached positions and 8.4 MFLOP for Llama-1B's 32 query heads at 1024.
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

    private final Backend backend = Backends.current();
    private Tensor q;
    private Tensor positions;
    private Tensor laterPositions;
    private boolean later;
    private Tensor invFreq;
    private Tensor ropeOut;

    /** A causal prompt pass: q [1, 8, T, 64], k/v [1, 2, T, 64]. */
    @State(Scope.Benchmark)
    public static class Prompt {
        @Param({"256", "2048"})
        int tokens;

        final AttentionSpec spec = AttentionSpec.causal(D);
        Tensor q;
        Tensor k;
        Tensor v;
        Tensor out;

        @Setup
        public void setup() {
            TensorRandom random = new TensorRandom(1);
            q = random.normal(0f, 1f, 1, HQ, tokens, D);
            k = random.normal(0f, 1f, 1, HKV, tokens, D);
            v = random.normal(0f, 1f, 1, HKV, tokens, D);
            out = Tensor.zeros(1, HQ, tokens, D);
        }
    }

    /**
     * One decode step: q [1, Hq, 1, 64] against narrowed views [1, Hkv, cached of 2048, 64] of a KV cache; heads
     * "12/12" is GPT-2's multi-head attention, "32/8" Llama-3.2-1B's grouped-query attention.
     */
    @State(Scope.Benchmark)
    public static class Step {
        private static final int CACHE_CAPACITY = 2048;

        @Param({"256", "1024"})
        int cached;
        @Param({"12/12", "32/8"})
        String heads;

        final AttentionSpec spec = AttentionSpec.causal(D);
        Tensor q;
        Tensor kCache;
        Tensor vCache;
        Tensor out;

        @Setup
        public void setup() {
            int hq = Integer.parseInt(heads.substring(0, heads.indexOf('/')));
            int hkv = Integer.parseInt(heads.substring(heads.indexOf('/') + 1));
            TensorRandom random = new TensorRandom(1);
            q = random.normal(0f, 1f, 1, hq, 1, D);
            kCache = random.normal(0f, 1f, 1, hkv, CACHE_CAPACITY, D).narrow(2, 0, cached);
            vCache = random.normal(0f, 1f, 1, hkv, CACHE_CAPACITY, D).narrow(2, 0, cached);
            out = Tensor.zeros(1, hq, 1, D);
        }
    }

    @Setup
    public void setup() {
        TensorRandom random = new TensorRandom(1);
        q = random.normal(0f, 1f, 1, HQ, T, D);
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

    /** Causal prompt pass, flash-style: blocks of 16 query positions walk the keys in blocks of 256. */
    @Benchmark
    public Tensor prefillCausal(Prompt p) {
        backend.attention(p.q, p.k, p.v, null, p.spec, p.out);
        return p.out;
    }

    /** One decode step against the cache. */
    @Benchmark
    public Tensor decodeFromCache(Step s) {
        backend.attention(s.q, s.kCache, s.vCache, null, s.spec, s.out);
        return s.out;
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
