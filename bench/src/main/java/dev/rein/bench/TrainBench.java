package dev.rein.bench;

import dev.rein.autograd.LossFunctions;
import dev.rein.autograd.Variable;
import dev.rein.models.WeightSource;
import dev.rein.models.config.ModelConfig;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.models.transformer.WeightLoader;
import dev.rein.tensor.DType;
import dev.rein.tensor.NeuralOps;
import dev.rein.tensor.Tensor;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code rein bench train}: how fast full training steps of a model run, as model FLOP utilisation (MFU) against the
 * F32 FMA peak measured in the same process. A step is a forward pass over a random token batch [B, T], the
 * next-token cross-entropy, the backward pass into every parameter's gradient, and zeroing those gradients; each phase
 * is timed separately so that a reader sees where a step spends its time.
 *
 * <p>MFU counts 6 FLOPs per parameter per token (2 forward, 4 backward), the usual estimate that leaves out
 * attention's own products; at T = 256 on GPT-2 124M those add about 4%.
 */
public final class TrainBench {
    private TrainBench() {
    }

    /**
     * @param seqLen positions per sequence T
     * @param batch  sequences per step B
     * @param steps  measured steps
     * @param warmup steps run first and not measured (the JIT compiles the kernels during these)
     * @param seed   seed of the random token batches
     */
    public record Options(int seqLen, int batch, int steps, int warmup, long seed) {
        public static final Options DEFAULT = new Options(256, 8, 3, 1, 1);
    }

    /**
     * Seconds one phase of a step took, over the measured steps.
     *
     * @param mean mean over the steps
     * @param best the fastest step
     */
    public record Phase(String name, double mean, double best) {
    }

    /**
     * The figures of one run.
     *
     * @param parameters  number of trained parameters (every stored tensor's elements)
     * @param stepSeconds seconds per step of each measured step, in order
     * @param phases      forward, loss, backward and zero grads, in step order
     * @param gcSeconds   mean seconds per step the garbage collectors reported (overlaps the phases)
     * @param peakGflops  the F32 FMA peak measured after the steps, in the same process
     */
    public record Report(long parameters, int tokensPerStep, double[] stepSeconds, Phase[] phases, double gcSeconds,
                         double peakGflops) {

        public double meanStepSeconds() {
            double sum = 0;
            for (double s : stepSeconds) {
                sum += s;
            }
            return sum / stepSeconds.length;
        }

        /** Tokens per second over all measured steps. */
        public double tokensPerSecond() {
            return tokensPerStep / meanStepSeconds();
        }

        /** Model FLOP utilisation: 6 × parameters × tokens/s ÷ peak, in percent. */
        public double mfuPercent() {
            return mfuPercent(tokensPerSecond());
        }

        private double mfuPercent(double tokensPerSecond) {
            return 100 * 6.0 * parameters * tokensPerSecond / (peakGflops * 1e9);
        }

        /** A few aligned lines for the terminal. */
        public String format() {
            double slowest = 0;
            double fastest = Double.MAX_VALUE;
            for (double s : stepSeconds) {
                slowest = Math.max(slowest, s);
                fastest = Math.min(fastest, s);
            }
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, """
                    parameters   %,d
                    tokens/step  %d
                    step         %.2f s mean (%.2f-%.2f s over %d steps)
                    throughput   %.1f tokens/s (%.1f-%.1f)
                    MFU          %.1f%% of the %.1f GFLOP/s FMA peak (%.1f-%.1f%%)
                    """, parameters, tokensPerStep, meanStepSeconds(), fastest, slowest, stepSeconds.length,
                    tokensPerSecond(), tokensPerStep / slowest, tokensPerStep / fastest, mfuPercent(), peakGflops,
                    mfuPercent(tokensPerStep / slowest), mfuPercent(tokensPerStep / fastest)));
            out.append("phase        mean s   best s   share\n");
            for (Phase p : phases) {
                out.append(String.format(Locale.ROOT, "%-11s %7.3f  %7.3f  %5.1f%%%n", p.name(), p.mean(), p.best(),
                        100 * p.mean() / meanStepSeconds()));
            }
            out.append(String.format(Locale.ROOT, "(garbage collection %.3f s per step, inside the phases above)%n",
                    gcSeconds));
            return out.toString();
        }
    }

    /**
     * The model with every stored tensor copied into an F32 parameter (so it can be trained, whatever the stored
     * dtype, and the source can be closed afterwards).
     */
    public static Transformer trainable(ModelConfig config, WeightSource source) {
        return new Transformer(config, WeightLoader.load(config, source,
                stored -> Variable.parameter(Tensor.zeros(DType.F32, stored.shape()).copyFrom(stored))));
    }

    /** Runs {@code options.warmup() + options.steps()} training steps and measures the last ones. */
    public static Report run(Transformer model, Options options, PrintStream progress) {
        int b = options.batch();
        int t = options.seqLen();
        int vocab = model.config().vocabSize();
        Collection<Variable> parameters = model.weights().parameters().values();
        SplittableRandom random = new SplittableRandom(options.seed());
        String[] names = {"forward", "loss", "backward", "zero grads"};
        double[][] phaseSeconds = new double[names.length][options.steps()];
        double[] stepSeconds = new double[options.steps()];
        long gcMillis = 0;
        for (int step = -options.warmup(); step < options.steps(); step++) {
            long[] ids = randomIds(random, b * t, vocab);
            TokenBatch batch = new TokenBatch(Tensor.ofLongs(ids, b, t), positions(b, t), null);
            Tensor targets = Tensor.ofLongs(nextTokenTargets(ids, t), b * t);
            long gcBefore = gcMillis();
            long t0 = System.nanoTime();
            Variable logits = model.forward(batch);                                   // [B, T, V]
            long t1 = System.nanoTime();
            Variable loss = LossFunctions.crossEntropy(logits.reshape(b * t, vocab), targets);
            long t2 = System.nanoTime();
            loss.backward();
            long t3 = System.nanoTime();
            for (Variable p : parameters) {
                p.zeroGrad();
            }
            long t4 = System.nanoTime();
            progress.printf(Locale.ROOT, "  %s %d: %.2f s (forward %.2f, loss %.2f, backward %.2f), loss %.4f%n",
                    step < 0 ? "warm-up" : "step", step < 0 ? step + options.warmup() + 1 : step + 1,
                    (t4 - t0) * 1e-9, (t1 - t0) * 1e-9, (t2 - t1) * 1e-9, (t3 - t2) * 1e-9, loss.value().item());
            if (step >= 0) {
                long[] marks = {t0, t1, t2, t3, t4};
                for (int p = 0; p < names.length; p++) {
                    phaseSeconds[p][step] = (marks[p + 1] - marks[p]) * 1e-9;
                }
                stepSeconds[step] = (t4 - t0) * 1e-9;
                gcMillis += gcMillis() - gcBefore;
            }
        }
        progress.println("measuring the FMA peak ...");
        double peak = MachineLimits.peakGflops(20_000_000, 10);
        Phase[] phases = new Phase[names.length];
        for (int p = 0; p < names.length; p++) {
            double sum = 0;
            double best = Double.MAX_VALUE;
            for (double s : phaseSeconds[p]) {
                sum += s;
                best = Math.min(best, s);
            }
            phases[p] = new Phase(names[p], sum / options.steps(), best);
        }
        long count = parameters.stream().mapToLong(v -> v.value().numel()).sum();
        return new Report(count, b * t, stepSeconds, phases, gcMillis * 1e-3 / options.steps(), peak);
    }

    private static long[] randomIds(SplittableRandom random, int n, int vocab) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = random.nextInt(vocab);
        }
        return ids;
    }

    /** Positions 0..T-1 of every sequence, [B, T] I64. */
    private static Tensor positions(int b, int t) {
        long[] p = new long[b * t];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % t;
        }
        return Tensor.ofLongs(p, b, t);
    }

    /**
     * The target of position (s, i) is the token at (s, i + 1); the last position of each sequence has none and is
     * ignored. This is the shifted cross-entropy of causal language modelling without copying the logits.
     */
    private static long[] nextTokenTargets(long[] ids, int t) {
        long[] targets = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            targets[i] = (i + 1) % t == 0 ? NeuralOps.IGNORE_INDEX : ids[i + 1];
        }
        return targets;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
