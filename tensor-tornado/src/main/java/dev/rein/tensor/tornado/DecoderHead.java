package dev.rein.tensor.tornado;

import dev.rein.models.transformer.OutputHead;
import dev.rein.tensor.BinaryOp;
import dev.rein.tensor.UnaryOp;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/**
 * The end of a pass as one execution plan, built from the model's {@link OutputHead}: final norm, LM head and Gemma
 * 2's final softcap, logits copied back.
 */
final class DecoderHead implements AutoCloseable {
    private final DeviceGraph graph = new DeviceGraph("head");
    private final FloatArray logits;

    /** @param x the residual stream [hidden], copied in on every run */
    DecoderHead(OutputHead head, FloatArray x) {
        int hidden = x.getSize();
        graph.eachRun(x);
        DecoderTasks tasks = new DecoderTasks(graph);
        FloatArray normed = graph.buffer(hidden);
        tasks.norm(DeviceNorm.of(head.norm(), head.finalNorm()), x, normed, 1, hidden);
        DeviceLinear lmHead = DeviceLinear.of(head.weight().value(), null);
        int vocab = lmHead.matrix().out();
        logits = new FloatArray(vocab);
        graph.results(logits);
        tasks.linear(lmHead, normed, logits);
        if (head.softcap() > 0f) {
            FloatArray cap = graph.constants(head.softcap());
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
