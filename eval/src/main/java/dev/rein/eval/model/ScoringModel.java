package dev.rein.eval.model;

import dev.rein.autograd.NoGrad;
import dev.rein.eval.RowError;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.Logits;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Indexing;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A language model as the model-based metrics run it: its transformer, its tokenizer, and how many sequences go
 * through one forward pass (right-padded, see {@link PaddedBatch}; a larger batch is faster and holds B × T × V
 * logits in memory). Texts are encoded with the special tokens the tokenizer adds (BOS for LLaMA-style tokenizers),
 * as the model saw text in training. A sequence longer than the model's context ({@code max_position_embeddings})
 * is a {@link RowError}: it is neither cut nor scored through a sliding window, so no metric silently scores a
 * part of a text.
 */
public record ScoringModel(Transformer transformer, Tokenizer tokenizer, int batchSize) {
    /** The batch size {@link #of} uses. */
    public static final int DEFAULT_BATCH_SIZE = 8;

    /** @throws IllegalArgumentException when the batch size is not positive */
    public ScoringModel {
        Objects.requireNonNull(transformer, "transformer");
        Objects.requireNonNull(tokenizer, "tokenizer");
        if (batchSize < 1) throw new IllegalArgumentException("the batch size must be at least 1, not " + batchSize);
    }

    /**
     * A loaded model with its own tokenizer, {@link #DEFAULT_BATCH_SIZE} sequences per pass.
     *
     * @throws IllegalArgumentException when the model came without a tokenizer (a llama2.c file)
     */
    public static ScoringModel of(LanguageModel model) {
        if (!model.hasTokenizer()) {
            throw new IllegalArgumentException(
                    "the model has no " + Tokenizer.FILE_NAME + ", so texts cannot be encoded for it");
        }
        Tokenizer tokenizer = model.tokenizer();
        return new ScoringModel(model.transformer(), tokenizer, DEFAULT_BATCH_SIZE);
    }

    /** This model with {@code size} sequences per forward pass. */
    public ScoringModel withBatchSize(int size) {
        return new ScoringModel(transformer, tokenizer, size);
    }

    /** The longest sequence the model takes, its {@code max_position_embeddings}. */
    public int context() {
        return transformer.config().maxPositions();
    }

    /**
     * The ids of {@code text} with the tokenizer's special tokens.
     *
     * @param row the text's index in the metric's input, for the error
     * @throws RowError when the text encodes to no tokens or to more than {@link #context()}
     */
    public int[] encode(int row, String text) {
        int[] ids = tokenizer.encode(text);
        checkTokens(row, ids);
        return ids;
    }

    /**
     * The ids of {@code texts}, each with the tokenizer's special tokens.
     *
     * @throws RowError naming the first text that encodes to no tokens or to more than {@link #context()}
     */
    public List<int[]> encodeAll(List<String> texts) {
        List<int[]> sequences = new ArrayList<>(texts.size());
        for (int row = 0; row < texts.size(); row++) sequences.add(encode(row, texts.get(row)));
        return sequences;
    }

    /**
     * For each sequence s, the log-probability the model gives each of its tokens after the first, from the tokens
     * before it: entry j is log p(s[j + 1] | s[0..j]), so a sequence of n tokens gives n − 1 values.
     *
     * @throws RowError naming the first sequence that is empty, longer than the context or holds an id outside the
     *                  vocabulary
     */
    public List<float[]> nextTokenLogProbs(List<int[]> sequences) {
        for (int row = 0; row < sequences.size(); row++) checkTokens(row, sequences.get(row));
        float[][] logProbs = new float[sequences.size()][];
        for (PaddedBatch batch : PaddedBatch.split(sequences, batchSize)) {
            TokenBatch tokens = batch.tokens();
            int b = tokens.batchSize();
            int t = tokens.length();
            Tensor logits;
            try (NoGrad _ = NoGrad.enter()) {
                logits = transformer.forward(tokens).value();                        // [B, T, V]
            }
            float[] picked = Indexing.gather(logits.logSoftmax(-1), 2, nextIds(tokens)).toFloatArray();  // [B, T, 1]
            for (int row = 0; row < b; row++) {
                int predicted = sequences.get(batch.rows()[row]).length - 1;
                logProbs[batch.rows()[row]] = Arrays.copyOfRange(picked, row * t, row * t + predicted);
            }
        }
        return List.of(logProbs);
    }

    /**
     * Runs {@code tokens} and returns the activation at {@code hookPoint}, [B, T, H] for a point on the residual
     * stream. Only the last position's logits are computed, since the metrics that read activations do not need
     * the others.
     */
    Tensor activations(TokenBatch tokens, String hookPoint) {
        ActivationCache cache = new ActivationCache();
        try (NoGrad _ = NoGrad.enter()) {
            transformer.forward(tokens, null, new Hooks().cache(cache, hookPoint), Logits.LAST_POSITION);
        }
        return cache.get(hookPoint);
    }

    private void checkTokens(int row, int[] ids) {
        if (ids.length == 0) throw new RowError(row, "has no tokens");
        if (ids.length > context()) {
            throw new RowError(row, "has " + ids.length + " tokens, more than the model's context of " + context()
                    + " (max_position_embeddings); shorten it, since it is not cut or windowed");
        }
        int vocab = transformer.config().vocabSize();
        for (int id : ids) {
            if (id < 0 || id >= vocab) {
                throw new RowError(row, "holds token id " + id + ", outside the vocabulary of " + vocab);
            }
        }
    }

    /** Position j's next token, [B, T, 1]: the id at j + 1, or 0 where there is none (its value is never read). */
    private static Tensor nextIds(TokenBatch tokens) {
        int b = tokens.batchSize();
        int t = tokens.length();
        long[] ids = tokens.ids().contiguous().toLongArray();
        long[] next = new long[b * t];
        for (int row = 0; row < b; row++) {
            for (int j = 0; j + 1 < t; j++) next[row * t + j] = ids[row * t + j + 1];
        }
        return Tensor.ofLongs(next, b, t, 1);
    }
}
