package dev.rein.tensor.tornado;

import dev.rein.formats.config.ModelConfig;
import dev.rein.models.generation.StepDecoder;
import dev.rein.models.transformer.DecoderBlock;
import dev.rein.models.transformer.Embedding;
import dev.rein.models.transformer.Transformer;
import java.util.ArrayList;
import java.util.List;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Token-by-token decoding of one sequence on an accelerator, as GPULlama3.java does it: an execution plan per
 * decoder block ({@link DecoderLayer}) and one for the LM head ({@link DecoderHead}), whose weights are copied to the
 * device on the first step and stay there ({@code FIRST_EXECUTION}), as do the KV cache and every activation between
 * the kernels of a block. Per token only the residual stream ([hidden] floats) passes between the plans through the
 * host, and the logits come back. The token's embedding row is read on the host.
 *
 * <p>The plans are built from the {@link Transformer}'s own description of its pass ({@link Embedding},
 * {@link DecoderBlock}s, {@code OutputHead}), so the pass is the CPU forward's for every supported family, without
 * hooks; prompts go in one token at a time. Projections must be the plain linear layers a model loads with (adapters
 * merged). Not thread-safe.
 * {@code Generator} uses it under {@code --backend tornado} through {@link TornadoDecoderProvider}.
 */
public final class TornadoDecoder implements StepDecoder {
    private final Transformer model;
    private final int capacity;
    private final FloatArray x;
    private final IntArray position = new IntArray(1);
    private final List<DecoderLayer> layers = new ArrayList<>();
    private final DecoderHead head;
    private int next;

    /**
     * Builds the plans for {@code model} with room for {@code capacity} positions (compiled on the first step).
     *
     * @throws IllegalArgumentException when capacity is not positive or exceeds a learned position table, or a
     *                                  projection is not a plain linear layer
     * @throws IllegalStateException    when TornadoVM's runtime is not loaded
     */
    public TornadoDecoder(Transformer model, int capacity) {
        ModelConfig config = model.config();
        if (capacity < 1 || (model.embedding().positions() != null && capacity > config.maxPositions())) {
            throw new IllegalArgumentException("decoder capacity " + capacity + " must be in [1, "
                    + config.maxPositions() + "]");
        }
        TornadoSettings.apply();
        this.model = model;
        this.capacity = capacity;
        this.x = new FloatArray(config.hiddenSize());
        try {
            for (DecoderBlock block : model.blocks()) {
                layers.add(new DecoderLayer(block, capacity, x, position));
            }
            this.head = new DecoderHead(model.outputHead(), x);
        } catch (LinkageError e) {
            throw TornadoSettings.runtimeMissing(e);
        }
    }

    /** Positions fed so far. */
    public int position() {
        return next;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Feeds {@code token} at the next position and returns the logits [vocab] for the position after it.
     *
     * @throws IllegalArgumentException when the token is outside the vocabulary
     * @throws IllegalStateException    when all {@link #capacity} positions are used
     */
    @Override
    public float[] next(int token) {
        ModelConfig config = model.config();
        if (token < 0 || token >= config.vocabSize()) {
            throw new IllegalArgumentException("token id " + token + " is outside the vocabulary [0, "
                    + config.vocabSize() + ")");
        }
        if (next >= capacity) {
            throw new IllegalStateException("the decoder's " + capacity + " positions are all used");
        }
        embed(token, next);
        position.set(0, next);
        for (DecoderLayer layer : layers) {
            layer.run(next);
        }
        next++;
        return head.run();
    }

    /** x = the token's embedding row times the family's scale, plus the learned position row (GPT-2). */
    private void embed(int token, int at) {
        Embedding embedding = model.embedding();
        float[] row = embedding.tokens().value().select(0, token).toFloatArray();
        float[] positions = embedding.positions() == null ? null
                : embedding.positions().value().select(0, at).toFloatArray();
        for (int i = 0; i < row.length; i++) {
            x.set(i, row[i] * embedding.scale() + (positions == null ? 0f : positions[i]));
        }
    }

    /**
     * The next token goes to position 0; the stale keys and values beyond it are never read (attention stops at the
     * position).
     */
    @Override
    public void reset() {
        next = 0;
    }

    /** Frees the device memory of every plan. */
    @Override
    public void close() {
        layers.forEach(DecoderLayer::close);
        head.close();
    }
}
