package dev.rein.models.generation;

/**
 * Decoding of one sequence a token at a time, for a backend that keeps a model's weights, KV cache and activations
 * on its device between steps (the TornadoVM decoder), where the {@link Generator}'s batched forward passes would
 * move every activation to and fro. Made by a {@link StepDecoderProvider}; one sequence at a time, {@link #reset}
 * between them; not thread-safe.
 */
public interface StepDecoder extends AutoCloseable {

    /**
     * Feeds {@code token} at the next position and returns the logits [vocab] for the position after it.
     *
     * @throws IllegalArgumentException when the token is outside the vocabulary
     * @throws IllegalStateException    when the decoder's positions are all used
     */
    float[] next(int token);

    /**
     * Starts a new sequence: the next token goes to position 0. What the decoder has set up on its device (weights,
     * compiled kernels) stays, so a second sequence does not pay for it again.
     */
    void reset();

    /** Frees what the decoder holds on its device. */
    @Override
    void close();
}
