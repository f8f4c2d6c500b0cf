package dev.rein.eval.toxicity;

import dev.rein.formats.config.ModelConfig;
import dev.rein.text.tokenizer.EncodeOption;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How a model-based scorer or classifier turns texts into token batches: each text is stripped of surrounding whitespace (a
 * continuation's leading space says nothing about its toxicity, but would tell a model which part of a row it is),
 * encoded with the tokenizer's special tokens (BOS) and without matching special tokens written in it, and cut to
 * {@code maxTokens}; rows are right-padded with marked padding, positions 0..T-1.
 */
public final class TextBatches {
    /** What to do with one batch: {@code rows[i]} is the index, in the texts given, of the batch's row i. */
    @FunctionalInterface
    public interface BatchAction {
        void accept(int[] rows, TokenBatch batch);
    }

    private final Tokenizer tokenizer;
    private final int maxTokens;
    private final int emptyTextId;

    /** @param emptyTextId the token a text that encodes to nothing becomes (BOS or EOS), so no row is empty */
    public TextBatches(Tokenizer tokenizer, int maxTokens, int emptyTextId) {
        if (maxTokens < 1) throw new IllegalArgumentException("max tokens must be at least 1, got " + maxTokens);
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
        this.emptyTextId = emptyTextId;
    }

    /** Batches for {@code config}'s model: a text that encodes to nothing becomes its BOS (else EOS, else 0). */
    public static TextBatches forModel(Tokenizer tokenizer, ModelConfig config, int maxTokens) {
        List<Integer> bos = config.specialTokens().bos();
        List<Integer> eos = config.specialTokens().eos();
        return new TextBatches(tokenizer, maxTokens, !bos.isEmpty() ? bos.getFirst() : !eos.isEmpty()
                ? eos.getFirst() : 0);
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** The ids of {@code text}: at least one, at most {@code maxTokens}. */
    public int[] encode(String text) {
        int[] ids = tokenizer.encode(text.strip(), EncodeOption.SPECIAL_TOKENS_AS_TEXT);
        if (ids.length == 0) return new int[] {emptyTextId};
        return ids.length <= maxTokens ? ids : Arrays.copyOf(ids, maxTokens);
    }

    /** Encodes {@code texts} and runs {@code action} on batches of up to {@code batchSize} texts of similar length. */
    public void inBatches(List<String> texts, int batchSize, BatchAction action) {
        int[][] ids = texts.stream().map(this::encode).toArray(int[][]::new);
        Integer[] byLength = new Integer[ids.length];
        Arrays.setAll(byLength, i -> i);
        Arrays.sort(byLength, Comparator.comparingInt(i -> ids[i].length));
        for (int first = 0; first < ids.length; first += batchSize) {
            int[] rows = new int[Math.min(batchSize, ids.length - first)];
            for (int i = 0; i < rows.length; i++) rows[i] = byLength[first + i];
            action.accept(rows, batch(ids, rows));
        }
    }

    /** The rows {@code ids[rows[i]]}, right-padded to the longest. */
    public TokenBatch batch(int[][] ids, int[] rows) {
        int b = rows.length;
        int t = Arrays.stream(rows).map(row -> ids[row].length).max().orElseThrow();
        long[] tokens = new long[b * t];
        long[] positions = new long[b * t];
        boolean[][] padding = new boolean[b][t];
        boolean padded = false;
        for (int row = 0; row < b; row++) {
            int[] text = ids[rows[row]];
            for (int j = 0; j < t; j++) {
                boolean pad = j >= text.length;
                tokens[row * t + j] = pad ? emptyTextId : text[j];
                positions[row * t + j] = j;
                padding[row][j] = pad;
                padded |= pad;
            }
        }
        return new TokenBatch(Tensor.ofLongs(tokens, b, t), Tensor.ofLongs(positions, b, t), padded ? padding : null);
    }
}
