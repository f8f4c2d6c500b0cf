package dev.rein.bench.jmh;

import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.Backend;
import dev.rein.tensor.Backends;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.UnaryOp;
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
 * The kernels of one GPT-2 124M training step at B = 8, T = 256 (2048 rows), called on the backend into
 * preallocated outputs, so each figure is the kernel alone:
 * <ul>
 *   <li>the MLP's up projection (Conv1D weight stored [768, 3072]): forward x W, input gradient dY W^T and weight
 *       gradient x^T dY, each 2 * 2048 * 768 * 3072 = 9.66 GFLOP;</li>
 *   <li>causal attention backward over q, k, v [8, 12, 256, 64]: five products over the 32896 visible pairs of
 *       each of the 96 heads (q.k recomputed, dO.v, dq, dk, dv), 5 * 2 * 96 * 32896 * 64 = 2.02 GFLOP;</li>
 *   <li>the tanh-GELU backward of the MLP activation [2048, 3072] and the layer norm backward of [2048, 768] with its
 *       weight and bias sums (memory-bound: 75 MB and 19 MB moved), and the RMS norm backward of the same rows
 *       (a Llama's norm) with its weight sum;</li>
 *   <li>the cross-entropy gradient of 512 rows of GPT-2's 50257 logits (206 MB moved).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainingKernelsBenchmark {
    private static final int ROWS = 2048;
    private static final int HIDDEN = 768;
    private static final int INNER = 3072;
    private static final int VOCAB = 50257;
    private static final int LOSS_ROWS = 512;

    private final Backend backend = Backends.current();
    private Tensor x;             // [1, ROWS, HIDDEN]
    private Tensor weight;        // [1, HIDDEN, INNER], as GPT-2 stores it
    private Tensor up;            // [1, ROWS, INNER]: the forward's output, then the upstream gradient
    private Tensor inputGrad;     // [1, ROWS, HIDDEN]
    private Tensor weightGrad;    // [1, HIDDEN, INNER]
    private Tensor activationGrad;
    private Tensor normWeight;
    private Tensor normGrads;     // [2, HIDDEN]: d weight, d bias
    private Tensor q;
    private Tensor k;
    private Tensor v;
    private Tensor dq;
    private Tensor dk;
    private Tensor dv;
    private Tensor logits;
    private Tensor targets;
    private Tensor logitsGrad;
    private final AttentionSpec spec = AttentionSpec.causal(64);

    @Setup
    public void setup() {
        TensorRandom random = new TensorRandom(1);
        x = random.normal(0f, 1f, 1, ROWS, HIDDEN);
        weight = random.normal(0f, 0.02f, 1, HIDDEN, INNER);
        up = random.normal(0f, 1f, 1, ROWS, INNER);
        inputGrad = Tensor.zeros(1, ROWS, HIDDEN);
        weightGrad = Tensor.zeros(1, HIDDEN, INNER);
        activationGrad = Tensor.zeros(ROWS, INNER);
        normWeight = random.uniform(0.5f, 1.5f, HIDDEN);
        normGrads = Tensor.zeros(2, HIDDEN);
        q = random.normal(0f, 1f, 8, 12, 256, 64);
        k = random.normal(0f, 1f, 8, 12, 256, 64);
        v = random.normal(0f, 1f, 8, 12, 256, 64);
        dq = Tensor.zeros(8, 12, 256, 64);
        dk = Tensor.zeros(8, 12, 256, 64);
        dv = Tensor.zeros(8, 12, 256, 64);
        logits = random.normal(0f, 2f, LOSS_ROWS, VOCAB);
        long[] t = new long[LOSS_ROWS];
        for (int i = 0; i < t.length; i++) {
            t[i] = (i * 7919L) % VOCAB;
        }
        targets = Tensor.ofLongs(t, LOSS_ROWS);
        logitsGrad = Tensor.zeros(LOSS_ROWS, VOCAB);
    }

    @Benchmark
    public Tensor linearForward() {
        backend.matmul(x, weight, up);
        return up;
    }

    @Benchmark
    public Tensor linearInputGrad() {
        backend.matmul(up, weight.mT(), inputGrad);
        return inputGrad;
    }

    @Benchmark
    public Tensor linearWeightGrad() {
        backend.matmul(x.mT(), up, weightGrad);
        return weightGrad;
    }

    @Benchmark
    public Tensor attentionBackward() {
        backend.attentionGrad(q, k, v, null, spec, q, dq, dk, dv);
        return dq;
    }

    @Benchmark
    public Tensor geluBackward() {
        Tensor rows = up.reshape(ROWS, INNER);
        backend.unaryGrad(UnaryOp.GELU_TANH, rows, rows, activationGrad);
        return activationGrad;
    }

    @Benchmark
    public Tensor layerNormBackward() {
        Tensor rows = x.reshape(ROWS, HIDDEN);
        backend.layerNormGradRows(rows, normWeight, 1e-5f, rows, inputGrad.reshape(ROWS, HIDDEN),
                normGrads.select(0, 0), normGrads.select(0, 1));
        return inputGrad;
    }

    @Benchmark
    public Tensor rmsNormBackward() {
        Tensor rows = x.reshape(ROWS, HIDDEN);
        backend.rmsNormGradRows(rows, normWeight, 1e-5f, 0f, rows, inputGrad.reshape(ROWS, HIDDEN),
                normGrads.select(0, 0));
        return inputGrad;
    }

    @Benchmark
    public Tensor crossEntropyGrad() {
        backend.crossEntropyGradRows(logits, targets, 0f, 1f / LOSS_ROWS, logitsGrad);
        return logitsGrad;
    }
}
