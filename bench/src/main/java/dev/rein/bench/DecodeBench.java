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
import dev.rein.tensor.Tensor;
import java.io.PrintStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code rein bench decode}: how fast a model processes a prompt and generates, each against the limit that bounds
 * it, measured in the same run. Decoding one token reads every weight once, so its limit is the memory roofline
 * (measured read bandwidth ÷ weight bytes per token); processing a prompt is matrix products, so its limit is the
 * measured F32 FMA peak. Where the current backend has a resident {@link StepDecoder} (TornadoVM's), both go
 * through it, the prompt a token at a time.
 */
public final class DecodeBench {
    private DecodeBench() {
    }

    /**
     * @param promptTokens tokens of the prompt pass (the target uses 256)
     * @param decodeTokens tokens generated one at a time after it
     * @param repeats      runs of each; the best is reported
     */
    public record Options(int promptTokens, int decodeTokens, int repeats) {
        public static final Options DEFAULT = new Options(256, 32, 3);
    }

    /**
     * The figures of one run.
     *
     * @param weightBytesPerToken    bytes of weights one decoding step reads (the embedding table counts one row
     *                               unless it is also the output projection)
     * @param promptTokensPerSecond  prompt-pass throughput
     * @param promptGflops           model FLOPs of the prompt pass (matrix products and attention) per second
     * @param decodeTokensPerSecond  generation throughput, one token per step with the KV cache
     * @param rooflineTokensPerSecond bandwidth ÷ weight bytes per token
     */
    public record Report(long parameters, long weightBytesPerToken, int promptTokens, double promptTokensPerSecond,
                         double promptGflops, double peakGflops, double decodeTokensPerSecond, double bandwidthGBs,
                         double rooflineTokensPerSecond) {

        public double promptPercentOfPeak() {
            return 100 * promptGflops / peakGflops;
        }

        public double decodePercentOfRoofline() {
            return 100 * decodeTokensPerSecond / rooflineTokensPerSecond;
        }

        /** A few aligned lines for the terminal. */
        public String format() {
            return String.format(Locale.ROOT, """
                    parameters         %,d
                    weights per token  %.1f MB
                    prompt (%d tok)   %8.1f tokens/s  %7.1f GFLOP/s = %5.1f%% of the %.1f GFLOP/s FMA peak
                    decode             %8.2f tokens/s  = %5.1f%% of the memory roofline (%.2f tokens/s at %.1f GB/s)
                    """, parameters, weightBytesPerToken / 1e6, promptTokens, promptTokensPerSecond, promptGflops,
                    promptPercentOfPeak(), peakGflops, decodeTokensPerSecond, decodePercentOfRoofline(),
                    rooflineTokensPerSecond, bandwidthGBs);
        }
    }

    public static Report run(Transformer model, Options options, PrintStream progress) {
        ModelConfig config = model.config();
        int[] prompt = new int[options.promptTokens()];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = (int) ((i * 7919L + 13) % config.vocabSize());
        }
        Optional<StepDecoderProvider> resident = StepDecoders.forCurrentBackend();
        progress.println("prompt pass of " + prompt.length + " tokens" + resident.map(
                provider -> ", fed a token at a time to the backend's resident decoder").orElse("") + " ...");
        double bestPrompt = Double.MAX_VALUE;
        double bestDecode = Double.MAX_VALUE;
        StepDecoder decoder = resident.map(provider -> provider.open(model, prompt.length + options.decodeTokens()))
                .orElse(null);
        try {
            for (int r = 0; r < options.repeats() + 1; r++) {        // the first run warms up the JIT (and the device)
                RunTimes times = decoder != null
                        ? timeStepDecoder(decoder, prompt, options.decodeTokens())
                        : timeForward(model, prompt, options.decodeTokens());
                if (r > 0) {
                    bestPrompt = Math.min(bestPrompt, times.promptSeconds());
                    bestDecode = Math.min(bestDecode, times.decodeSecondsPerToken());
                }
                progress.printf(Locale.ROOT, "  run %d: prompt %.3f s, decode %.1f ms/token%n", r,
                        times.promptSeconds(), times.decodeSecondsPerToken() * 1e3);
            }
        } finally {
            if (decoder != null) {
                decoder.close();
            }
        }
        progress.println("measuring the machine's limits ...");
        double peak = MachineLimits.peakGflops(20_000_000, 10);
        double bandwidth = MachineLimits.readBandwidthGBs(1L << 30, 10);
        long bytes = weightBytesPerToken(model);
        return new Report(model.weights().parameterCount(), bytes, prompt.length, prompt.length / bestPrompt,
                promptFlops(model, prompt.length) / bestPrompt / 1e9, peak, 1 / bestDecode, bandwidth,
                bandwidth * 1e9 / bytes);
    }

    /** One run's prompt time and its decoding time per token. */
    private record RunTimes(double promptSeconds, double decodeSecondsPerToken) {
    }

    /** The prompt in one forward pass, then greedy tokens one forward pass each, with a KV cache. */
    private static RunTimes timeForward(Transformer model, int[] prompt, int decodeTokens) {
        KvCache cache = new KvCache(model.config(), 1, prompt.length + decodeTokens);
        long start = System.nanoTime();
        Tensor logits = model.forward(TokenBatch.of(prompt), cache, Hooks.none(), Logits.LAST_POSITION).value();
        double promptSeconds = (System.nanoTime() - start) * 1e-9;
        start = System.nanoTime();
        for (int step = 0; step < decodeTokens; step++) {
            int next = TokenChoice.greedy(logits.reshape(-1).toFloatArray());
            TokenBatch one = new TokenBatch(Tensor.ofLongs(new long[] {next}, 1, 1),
                    Tensor.ofLongs(new long[] {prompt.length + step}, 1, 1), null);
            logits = model.forward(one, cache, Hooks.none(), Logits.LAST_POSITION).value();
        }
        return new RunTimes(promptSeconds, (System.nanoTime() - start) * 1e-9 / decodeTokens);
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
            bytes += rowElements * t.dtype().byteSize();
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
