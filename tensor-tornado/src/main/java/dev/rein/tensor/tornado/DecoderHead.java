package dev.rein.tensor.tornado;

import dev.rein.formats.config.ModelConfig;
import dev.rein.models.transformer.Normalization;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.BinaryOp;
import dev.rein.tensor.UnaryOp;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/** The end of a pass as one execution plan: final norm, LM head and Gemma 2's final softcap, logits copied back. */
final class DecoderHead implements AutoCloseable {
    private final DeviceGraph graph = new DeviceGraph("head");
    private final FloatArray logits;

    DecoderHead(Transformer model, FloatArray x) {
        ModelConfig config = model.config();
        int hidden = config.hiddenSize();
        int vocab = config.vocabSize();
        graph.eachRun(x);
        DecoderTasks tasks = new DecoderTasks(graph);
        FloatArray normed = graph.buffer(hidden);
        tasks.norm(DeviceNorm.of(Normalization.of(config), model.weights().finalNorm()), x, normed, 1, hidden);
        logits = new FloatArray(vocab);
        graph.results(logits);
        tasks.linear(DeviceLinear.of(model.weights().lmHead().value(), null), normed, logits);
        if (config.finalLogitSoftcapping().isPresent()) {
            FloatArray cap = graph.constants((float) config.finalLogitSoftcapping().getAsDouble());
            tasks.binary(BinaryOp.DIV, logits, cap, logits, vocab, 0);
            tasks.unary(UnaryOp.TANH, logits, vocab);
            tasks.binary(BinaryOp.MUL, logits, cap, logits, vocab, 0);
        }
    }

    /** The logits [vocab] for the residual stream now in x. */
    float[] run() {
        graph.run();
        return logits.toHeapArray();
    }

    @Override
    public void close() {
        graph.close();
    }
}
