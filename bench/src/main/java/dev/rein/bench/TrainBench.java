package dev.rein.bench;

import dev.rein.autograd.LossFunctions;
import dev.rein.autograd.Variable;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;
import dev.rein.training.freezing.TrainableParameters;
import dev.rein.training.optim.AdamSettings;
import dev.rein.training.optim.AdamW;
import dev.rein.training.optim.NamedParameter;
import dev.rein.training.optim.Optimizer;
import dev.rein.training.optim.ParameterGroup;
import dev.rein.training.trainer.CausalLmLoss;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code rein bench train}: how fast full training steps of a model run, as model FLOP utilisation (MFU) against the
 * F32 FMA peak measured in the same process. A step is a forward pass over a random token batch [B, T], the
 * next-token cross-entropy, the backward pass into every parameter's gradient, and an AdamW update followed by
 * zeroing the gradients; each phase is timed separately so that a reader sees where a step spends its time.
 *
 * <p>MFU counts 6 FLOPs per parameter per token (2 forward, 4 backward), the usual estimate that leaves out
 * attention's own products (at T = 256 on GPT-2 124M they add about 2%, counting the causal half of the pairs). The peak is the best of samples taken
 * before the first step, after each measured step and at the end, so that other load on a shared machine during one
 * sample does not lower it; the cores the process kept busy during the steps are reported beside it, since load from
 * other processes slows the steps without showing in the best peak sample.
 */
public final class TrainBench {
    /** AdamW's learning rate: any small value; it changes nothing about the speed. */
    private static final double LEARNING_RATE = 1e-4;

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
     * @param phases      forward, loss, backward and update (AdamW step and zeroing the gradients), in step order
     * @param gcSeconds   mean seconds per step the garbage collectors reported (overlaps the phases)
     * @param coresBusy   mean cores the process kept busy during the measured steps (CPU time / wall time)
     * @param cores       cores available to the process
     * @param peakGflops  the F32 FMA peak: the best sample, taken in the same process
     */
    public record Report(long parameters, int tokensPerStep, double[] stepSeconds, Phase[] phases, double gcSeconds,
                         double coresBusy, int cores, double peakGflops) {

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
                    step         %.2f s mean (%.2f-%.2f s over %d steps), %.2f of %d cores busy
                    throughput   %.1f tokens/s (%.1f-%.1f)
                    MFU          %.1f%% of the %.1f GFLOP/s FMA peak (%.1f-%.1f%%)
                    """, parameters, tokensPerStep, meanStepSeconds(), fastest, slowest, stepSeconds.length,
                    coresBusy, cores, tokensPerSecond(), tokensPerStep / slowest, tokensPerStep / fastest,
                    mfuPercent(), peakGflops, mfuPercent(tokensPerStep / slowest),
                    mfuPercent(tokensPerStep / fastest)));
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

    /** Runs {@code options.warmup() + options.steps()} training steps and measures the last ones. */
    public static Report run(Transformer model, Options options, PrintStream progress) {
        int b = options.batch();
        int t = options.seqLen();
        int vocab = model.config().vocabSize();
        List<NamedParameter> named = TrainableParameters.of(model.weights());
        Optimizer optimizer = new AdamW(List.of(ParameterGroup.of("all", named, LEARNING_RATE,
                AdamW.TORCH_DEFAULT_WEIGHT_DECAY)), AdamSettings.defaults());
        SplittableRandom random = new SplittableRandom(options.seed());
        String[] names = {"forward", "loss", "backward", "update"};
        double[][] phaseSeconds = new double[names.length][options.steps()];
        double[] stepSeconds = new double[options.steps()];
        long gcMillis = 0;
        long cpuNanos = 0;
        progress.println("measuring the FMA peak ...");
        double peak = MachineLimits.peakGflops(20_000_000, 5);
        for (int step = -options.warmup(); step < options.steps(); step++) {
            Tensor ids = randomIds(random, b, t, vocab);
            ProcessCounters before = ProcessCounters.now();
            StepTimes times = step(model, optimizer, ids);
            long[] marks = times.marks();
            progress.printf(Locale.ROOT, "  %s %d: %.2f s (forward %.2f, loss %.2f, backward %.2f, update %.2f), "
                            + "loss %.4f%n", step < 0 ? "warm-up" : "step", step < 0 ? step + options.warmup() + 1
                            : step + 1, (marks[4] - marks[0]) * 1e-9, (marks[1] - marks[0]) * 1e-9,
                    (marks[2] - marks[1]) * 1e-9, (marks[3] - marks[2]) * 1e-9, (marks[4] - marks[3]) * 1e-9,
                    times.loss());
            if (step >= 0) {
                for (int p = 0; p < names.length; p++) {
                    phaseSeconds[p][step] = (marks[p + 1] - marks[p]) * 1e-9;
                }
                stepSeconds[step] = (marks[4] - marks[0]) * 1e-9;
                ProcessCounters spent = ProcessCounters.now().since(before);
                gcMillis += spent.gcMillis();
                cpuNanos += spent.cpuNanos();
                peak = Math.max(peak, MachineLimits.peakGflops(20_000_000, 3));
            }
        }
        progress.println("measuring the FMA peak ...");
        peak = Math.max(peak, MachineLimits.peakGflops(20_000_000, 10));
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
        double wall = 0;
        for (double s : stepSeconds) {
            wall += s;
        }
        return new Report(model.weights().parameterCount(), b * t, stepSeconds, phases,
                gcMillis * 1e-3 / options.steps(), cpuNanos * 1e-9 / wall, Runtime.getRuntime().availableProcessors(),
                peak);
    }

    /** When each phase of a step began and the last ended (System.nanoTime), and the step's loss. */
    private record StepTimes(long[] marks, float loss) {
    }

    /**
     * One training step on token ids [B, T]. Its own method, so that nothing of the step's graph (the activations
     * its variables hold) stays reachable into the next step.
     */
    private static StepTimes step(Transformer model, Optimizer optimizer, Tensor ids) {
        int b = ids.size(0);
        int t = ids.size(1);
        TokenBatch batch = new TokenBatch(ids, positions(b, t), null);
        Tensor targets = CausalLmLoss.shiftedTargets(ids);
        long t0 = System.nanoTime();
        Variable logits = model.forward(batch);                                       // [B, T, V]
        long t1 = System.nanoTime();
        Variable loss = LossFunctions.crossEntropy(logits.reshape(b * t, model.config().vocabSize()), targets);
        long t2 = System.nanoTime();
        loss.backward();
        long t3 = System.nanoTime();
        optimizer.step(1.0);
        optimizer.zeroGrad();
        long t4 = System.nanoTime();
        return new StepTimes(new long[] {t0, t1, t2, t3, t4}, loss.value().item());
    }

    /** Token ids [B, T] I64, uniform over the vocabulary. */
    private static Tensor randomIds(SplittableRandom random, int b, int t, int vocab) {
        long[] ids = new long[b * t];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(vocab);
        }
        return Tensor.ofLongs(ids, b, t);
    }

    /** Positions 0..T-1 of every sequence, [B, T] I64. */
    private static Tensor positions(int b, int t) {
        long[] p = new long[b * t];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % t;
        }
        return Tensor.ofLongs(p, b, t);
    }
}
