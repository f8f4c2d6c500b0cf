package dev.rein.bench;

import dev.rein.autograd.Variable;
import dev.rein.formats.config.ModelConfig;
import dev.rein.models.generation.StepDecoder;
import dev.rein.models.generation.StepDecoderProvider;
import dev.rein.models.generation.StepDecoders;
import dev.rein.models.generation.TokenChoice;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.KvCache;
import dev.rein.models.transformer.Logits;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Backend;
import dev.rein.tensor.Backends;
import dev.rein.tensor.Tensor;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code rein bench decode}: how fast a model processes a prompt and generates, each against the limit that bounds
 * it, measured in the same run. Decoding one token reads every weight once, so its limit is the memory roofline
 * (measured read bandwidth ÷ weight bytes per token); processing a prompt is matrix products, so its limit is the
 * measured F32 FMA peak. Both limits are sampled between the runs (see {@link LimitSampler}) and every figure is
 * reported as a median with its range, flagged when the range is too wide to trust. Where the current backend has a resident {@link StepDecoder} (TornadoVM's), both go
 * through it, the prompt a token at a time.
 */
public final class DecodeBench {
    /** Warm-up runs at most, however much new memory they still take. */
    private static final int MAX_WARMUP_RUNS = 5;

    private DecodeBench() {
    }

    /**
     * @param promptTokens tokens of the prompt pass (the target uses 256)
     * @param decodeTokens tokens generated one at a time after it
     * @param repeats      measured runs after the warm-up runs (one, and up to four more while a run still takes
     *                     new tensor memory); medians and ranges are over these
     */
    public record Options(int promptTokens, int decodeTokens, int repeats) {
        public static final Options DEFAULT = new Options(256, 32, 5);
    }

    /**
     * The figures of one run. Speeds and limits are each the median over their samples, with their range; the limits
     * are sampled before, between and after the measured runs, so that a ratio divides figures taken under the same
     * conditions, and the bandwidth streams the model's own weights, the memory decoding reads.
     *
     * @param weightBytesPerToken     bytes of weights one decoding step reads (the embedding table counts one row
     *                                unless it is also the output projection)
     * @param promptTokensPerSecond   prompt-pass throughput over the measured runs
     * @param promptFlops             model FLOPs of one prompt pass (matrix products and attention)
     * @param peakGflops              the F32 FMA peak samples
     * @param decodeTokensPerSecond   generation throughput, one token per step with the KV cache
     * @param bandwidthGBs            read bandwidth samples over the weights' memory
     * @param loadAverage             the system's one-minute load average when the run ended (-1 where unknown)
     * @param cores                   cores of this machine
     */
    public record Report(long parameters, long weightBytesPerToken, int promptTokens, Spread promptTokensPerSecond,
                         double promptFlops, Spread peakGflops, Spread decodeTokensPerSecond, Spread bandwidthGBs,
                         double loadAverage, int cores) {

        /** Median prompt FLOP/s over the median FMA peak, in percent. */
        public double promptPercentOfPeak() {
            return 100 * promptTokensPerSecond.median() * promptFlops / promptTokens / 1e9 / peakGflops.median();
        }

        /** Memory roofline: median bandwidth ÷ weight bytes per token. */
        public double rooflineTokensPerSecond() {
            return bandwidthGBs.median() * 1e9 / weightBytesPerToken;
        }

        /** Median decode speed over the roofline, in percent. */
        public double decodePercentOfRoofline() {
            return 100 * decodeTokensPerSecond.median() / rooflineTokensPerSecond();
        }

        /** One line per figure whose samples spread wider than ±10%: the ratios built on it are not to be trusted. */
        public String warnings() {
            StringBuilder out = new StringBuilder();
            warnIfWide(out, "prompt speed", promptTokensPerSecond);
            warnIfWide(out, "decode speed", decodeTokensPerSecond);
            warnIfWide(out, "FMA peak", peakGflops);
            warnIfWide(out, "read bandwidth", bandwidthGBs);
            if (loadAverage > cores) {
                out.append(String.format(Locale.ROOT, "WARNING: load average %.1f on %d cores: other processes "
                        + "shared the cores, so every figure above is low%n", loadAverage, cores));
            }
            return out.toString();
        }

        private static void warnIfWide(StringBuilder out, String name, Spread spread) {
            if (!spread.trustworthy()) {
                out.append(String.format(Locale.ROOT, "WARNING: %s samples spread ±%.0f%% (over ±%.0f%%): the "
                        + "machine was not steady, ratios built on it are not to be trusted%n", name,
                        100 * spread.halfRange(), 100 * Spread.TRUSTED_HALF_RANGE));
            }
        }

        /** A few aligned lines for the terminal: medians, (min-max, ±half range) and the warnings. */
        public String format() {
            return String.format(Locale.ROOT, """
                    parameters         %,d
                    weights per token  %.1f MB
                    prompt (%d tok)   %s tokens/s = %.1f%% of the FMA peak
                    decode             %s tokens/s = %.1f%% of the memory roofline (%.2f tokens/s)
                    FMA peak           %s GFLOP/s (%d samples)
                    read bandwidth     %s GB/s over the weights' memory (%d samples)
                    load average       %.1f on %d cores
                    """, parameters, weightBytesPerToken / 1e6, promptTokens, promptTokensPerSecond.format("%.1f"),
                    promptPercentOfPeak(), decodeTokensPerSecond.format("%.2f"), decodePercentOfRoofline(),
                    rooflineTokensPerSecond(), peakGflops.format("%.1f"), peakGflops.count(),
                    bandwidthGBs.format("%.1f"), bandwidthGBs.count(), loadAverage, cores) + warnings();
        }
    }

    public static Report run(Transformer model, Options options, PrintStream progress) {
        ModelConfig config = model.config();
        List<int[]> prompts = prompts(config, options.promptTokens(), 1);
        int[] prompt = prompts.get(0);
        Optional<StepDecoderProvider> resident = StepDecoders.forCurrentBackend();
        progress.println("prompt pass of " + prompt.length + " tokens" + resident.map(
                provider -> ", fed a token at a time to the backend's resident decoder").orElse("") + " ...");
        double[] promptSeconds = new double[options.repeats()];
        double[] decodeSeconds = new double[options.repeats()];
        LimitSampler limits = new LimitSampler(weightRegions(model), LimitSampler.FMA_ITERATIONS);
        StepDecoder decoder = resident.map(provider -> provider.open(model, prompt.length + options.decodeTokens()))
                .orElse(null);
        try {
            int warmups = 0;
            long previousNewBytes = 0;
            for (int measured = 0; measured < options.repeats(); ) {
                // warm up the JIT (and the device) with one run, then further runs while the previous one still took
                // new memory for its tensors: the pool of large storages grows over the first passes (StoragePool)
                boolean warmingUp = measured == 0
                        && (warmups == 0 || previousNewBytes > 0 && warmups < MAX_WARMUP_RUNS);
                ProcessCounters before = ProcessCounters.now();
                RunTimes times = decoder != null
                        ? timeStepDecoder(decoder, prompt, options.decodeTokens())
                        : timeForward(model, prompts, options.decodeTokens());
                ProcessCounters spent = ProcessCounters.now().since(before);
                previousNewBytes = spent.newPoolBytes();
                String label;
                if (warmingUp) {
                    label = "warm-up " + ++warmups;
                } else {
                    promptSeconds[measured] = times.promptSeconds();
                    decodeSeconds[measured] = times.decodeSecondsPerToken();
                    label = "run " + ++measured;
                }
                double wall = times.promptSeconds() + times.decodeSecondsPerToken() * options.decodeTokens();
                progress.printf(Locale.ROOT, "  %s: prompt %.3f s, decode %.1f ms/token (%.2f cores busy, "
                                + "gc %d / %d ms, jit %d ms, page faults %d, new tensor memory %d MB)%n", label,
                        times.promptSeconds(), times.decodeSecondsPerToken() * 1e3, spent.cpuNanos() * 1e-9 / wall,
                        spent.gcCount(), spent.gcMillis(), spent.jitMillis(),
                        spent.minorFaults() + spent.majorFaults(), spent.newPoolBytes() >> 20);
                limits.sample();                                      // after the warm-up, between runs, after
            }
        } finally {
            if (decoder != null) {
                decoder.close();
            }
        }
        return new Report(model.weights().parameterCount(), weightBytesPerToken(model), prompt.length,
                Spread.of(promptSeconds).reciprocal().times(prompt.length), promptFlops(model, prompt.length),
                limits.peak(), Spread.of(decodeSeconds).reciprocal(), limits.bandwidth(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * Batched decoding against one sequence, in the same process and alternating: each round decodes
     * {@code options.decodeTokens()} greedy tokens for one sequence, then for {@code rows} sequences together (one
     * forward pass per step for all rows, each after its own prompt of {@code options.promptTokens()}), and reports
     * both decoding rates in tokens/s (all rows' tokens counted) and their ratio. The issue this answers: whether a
     * batch reads each weight once per step for all its rows (then 8 rows approach 8 times one row's tokens/s).
     */
    public static BatchReport batched(Transformer model, Options options, int rows, PrintStream progress) {
        List<int[]> prompts = prompts(model.config(), options.promptTokens(), rows);
        double[] one = new double[options.repeats()];
        double[] batch = new double[options.repeats()];
        for (int round = -1; round < options.repeats(); round++) {                // round -1 warms up
            double oneSeconds = timeForward(model, prompts.subList(0, 1), options.decodeTokens())
                    .decodeSecondsPerToken();
            double batchSeconds = timeForward(model, prompts, options.decodeTokens()).decodeSecondsPerToken();
            progress.printf(Locale.ROOT, "  %s: decode 1 row %.1f ms/step, %d rows %.1f ms/step%n",
                    round < 0 ? "warm-up" : "run " + (round + 1), oneSeconds * 1e3, rows, batchSeconds * 1e3);
            if (round >= 0) {
                one[round] = oneSeconds;
                batch[round] = batchSeconds;
            }
        }
        double[] ratios = new double[one.length];
        for (int i = 0; i < one.length; i++) {
            ratios[i] = rows * one[i] / batch[i];
        }
        return new BatchReport(rows, Spread.of(one).reciprocal(), Spread.of(batch).reciprocal().times(rows),
                Spread.of(ratios));
    }

    /**
     * @param rows             sequences decoded together
     * @param oneRowPerSecond  tokens/s of one sequence alone
     * @param batchPerSecond   tokens/s of all rows together (rows x steps per second)
     * @param ratio            batch / one row, per round (the same round's two runs)
     */
    public record BatchReport(int rows, Spread oneRowPerSecond, Spread batchPerSecond, Spread ratio) {
        public String format() {
            return String.format(Locale.ROOT, "batched decode: 1 row %s tokens/s, %d rows %s tokens/s together, "
                            + "ratio %s (%d rounds)%n", oneRowPerSecond.format("%.2f"), rows,
                    batchPerSecond.format("%.2f"), ratio.format("%.2f"), ratio.count());
        }
    }

    /**
     * Where a batched decoding step's time goes, by phase, as {@link #profile} for one sequence: a table in ms per
     * step of {@code rows} sequences decoded together.
     */
    public static String profileBatched(Transformer model, Options options, int rows) {
        Profile profile = profile(model, prompts(model.config(), options.promptTokens(), rows),
                options.decodeTokens());
        return profile.decode().format("decode, " + rows + " rows together (" + options.decodeTokens() + " steps)",
                options.decodeTokens(), "step");
    }

    /**
     * {@code rows} fixed prompts of {@code length} token ids spread over the vocabulary, each row's shifted from the
     * first's.
     */
    private static List<int[]> prompts(ModelConfig config, int length, int rows) {
        List<int[]> prompts = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            int[] prompt = new int[length];
            for (int i = 0; i < prompt.length; i++) {
                prompt[i] = (int) ((i * 7919L + 13 + row * 104729L) % config.vocabSize());
            }
            prompts.add(prompt);
        }
        return prompts;
    }

    /** One run's prompt time and its decoding time per token. */
    private record RunTimes(double promptSeconds, double decodeSecondsPerToken) {
    }

    /**
     * The prompts (rows decoded together) in one forward pass, then greedy tokens one forward pass each for all rows,
     * with a KV cache; the decoding time is per step.
     */
    private static RunTimes timeForward(Transformer model, List<int[]> prompts, int decodeTokens) {
        int past = prompts.get(0).length;
        KvCache cache = new KvCache(model.config(), prompts.size(), past + decodeTokens);
        long start = System.nanoTime();
        Tensor logits = promptPass(model, prompts, cache);
        double promptSeconds = (System.nanoTime() - start) * 1e-9;
        start = System.nanoTime();
        decodeGreedy(model, logits, past, decodeTokens, cache);
        return new RunTimes(promptSeconds, (System.nanoTime() - start) * 1e-9 / decodeTokens);
    }

    /** The prompts' logits at their last position [rows, 1, V], their keys and values left in the cache. */
    private static Tensor promptPass(Transformer model, List<int[]> prompts, KvCache cache) {
        return model.forward(TokenBatch.leftPadded(prompts), cache, Hooks.none(), Logits.LAST_POSITION).value();
    }

    /** {@code tokens} greedy tokens for each row after {@code past} cached positions whose last logits are given. */
    private static void decodeGreedy(Transformer model, Tensor logits, int past, int tokens, KvCache cache) {
        int rows = logits.size(0);
        int vocab = model.config().vocabSize();
        for (int step = 0; step < tokens; step++) {
            float[] all = logits.reshape(-1).toFloatArray();                      // [rows * V]
            long[] next = new long[rows];
            long[] positions = new long[rows];
            for (int r = 0; r < rows; r++) {
                next[r] = TokenChoice.greedy(Arrays.copyOfRange(all, r * vocab, (r + 1) * vocab));
                positions[r] = past + step;
            }
            TokenBatch fed = new TokenBatch(Tensor.ofLongs(next, rows, 1), Tensor.ofLongs(positions, rows, 1), null);
            logits = model.forward(fed, cache, Hooks.none(), Logits.LAST_POSITION).value();
        }
    }

    /**
     * Where the time of a prompt pass and of decoding goes, by phase: one warm-up run, then one run with every op
     * timed through a {@link ProfilingBackend} around the current backend (the ops path; a backend's resident
     * decoder is not used). The timing adds two clock reads per op, well under a microsecond.
     */
    public static Profile profile(Transformer model, Options options) {
        return profile(model, prompts(model.config(), options.promptTokens(), 1), options.decodeTokens());
    }

    /** {@link #profile} of the given prompts decoded together. */
    private static Profile profile(Transformer model, List<int[]> prompts, int decodeTokens) {
        timeForward(model, prompts, decodeTokens);
        int past = prompts.get(0).length;
        Backend previous = Backends.current();
        ProfilingBackend profiler = new ProfilingBackend(previous);
        Backends.use(profiler);
        try {
            KvCache cache = new KvCache(model.config(), prompts.size(), past + decodeTokens);
            long start = System.nanoTime();
            Tensor logits = promptPass(model, prompts, cache);
            PhaseTimes prefill = profiler.takeTimes(System.nanoTime() - start);
            start = System.nanoTime();
            decodeGreedy(model, logits, past, decodeTokens, cache);
            PhaseTimes decode = profiler.takeTimes(System.nanoTime() - start);
            return new Profile(past, prefill, decodeTokens, decode);
        } finally {
            Backends.use(previous);
        }
    }

    /** The phase times of one prompt pass of {@code promptTokens} and of {@code decodeTokens} decoding steps. */
    public record Profile(int promptTokens, PhaseTimes prefill, int decodeTokens, PhaseTimes decode) {
        /** Two tables: the prompt pass in ms per pass, decoding in ms per token. */
        public String format() {
            return prefill.format("prefill (" + promptTokens + " tok)", 1, "pass")
                    + decode.format("decode (" + decodeTokens + " tok)", decodeTokens, "token");
        }
    }

    /** The prompt a token at a time, then greedy tokens, through the backend's resident decoder. */
    private static RunTimes timeStepDecoder(StepDecoder decoder, int[] prompt, int decodeTokens) {
        decoder.reset();
        long start = System.nanoTime();
        float[] logits = null;
        for (int id : prompt) {
            logits = decoder.next(id);
        }
        double promptSeconds = (System.nanoTime() - start) * 1e-9;
        start = System.nanoTime();
        for (int step = 0; step < decodeTokens; step++) {
            logits = decoder.next(TokenChoice.greedy(logits));
        }
        return new RunTimes(promptSeconds, (System.nanoTime() - start) * 1e-9 / decodeTokens);
    }

    /** The memory of every stored weight once (a tensor's bytes within its storage). */
    static List<MemorySegment> weightRegions(Transformer model) {
        List<MemorySegment> regions = new ArrayList<>();
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Variable v : model.weights().parameters().values()) {
            if (seen.add(v)) {
                Tensor t = v.value();
                regions.add(t.storage().segment().asSlice(t.dtype().bytesFor(t.offset()),
                        t.dtype().bytesFor(t.numel())));
            }
        }
        return regions;
    }

    /** Every stored weight once, except that a separate embedding table contributes only the row it looks up. */
    static long weightBytesPerToken(Transformer model) {
        long bytes = 0;
        Set<Variable> lookups = Collections.newSetFromMap(new IdentityHashMap<>());
        var weights = model.weights();
        if (weights.tokenEmbedding() != weights.lmHead()) {
            lookups.add(weights.tokenEmbedding());
        }
        if (weights.positionEmbedding() != null) {
            lookups.add(weights.positionEmbedding());
        }
        for (Variable v : weights.parameters().values()) {
            Tensor t = v.value();
            long rowElements = lookups.contains(v) ? t.size(1) : t.numel();
            bytes += t.dtype().bytesFor(rowElements);
        }
        return bytes;
    }

    /**
     * FLOPs of a prompt pass of t tokens: 2 per weight of every projection per token, the LM head for the last
     * token only, and causal attention (q.k and p.v over the t(t+1)/2 visible pairs per head).
     */
    static double promptFlops(Transformer model, int t) {
        ModelConfig c = model.config();
        var a = c.attention();
        int mlpProjections = model.weights().layers().get(0).mlp().gate() == null ? 2 : 3;
        double perLayerWeights = (double) c.hiddenSize() * a.headDim() * (2 * a.numHeads() + 2 * a.numKvHeads())
                + (double) c.hiddenSize() * c.intermediateSize() * mlpProjections;
        double projections = 2 * perLayerWeights * c.numLayers() * t;
        double attention = 2.0 * 2 * a.numHeads() * a.headDim() * ((double) t * (t + 1) / 2) * c.numLayers();
        double head = 2.0 * c.vocabSize() * c.hiddenSize();
        return projections + attention + head;
    }
}
