package dev.rein.steering.cogsteer;

import dev.rein.autograd.NoGrad;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.Encoding;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hidden states of each word of a sentence at every depth (METHODS.md 4.1 step 2): the embeddings (the
 * residual stream entering block 0, as Hugging Face's first {@code hidden_states} entry) and the residual stream
 * leaving each block, each word's vector the element-wise maximum over the tokens it spans. Words are the
 * whitespace-separated pieces of the sentence; a token belongs to every word whose characters its offsets overlap
 * (so a token that carries the space before a word belongs to that word), and added tokens (BOS) to none.
 */
public final class WordStates {
    private WordStates() {
    }

    /** The word spans [start, end) in characters of {@code sentence}'s whitespace-separated words. */
    public static List<int[]> words(String sentence) {
        List<int[]> words = new ArrayList<>();
        int i = 0;
        while (i < sentence.length()) {
            while (i < sentence.length() && Character.isWhitespace(sentence.charAt(i))) i++;
            int start = i;
            while (i < sentence.length() && !Character.isWhitespace(sentence.charAt(i))) i++;
            if (i > start) words.add(new int[] {start, i});
        }
        return words;
    }

    /**
     * [depth][word][hidden]: depth 0 the embeddings, depth i + 1 the output of block i.
     *
     * @throws IllegalArgumentException when a word gets no token (a tokenizer whose offsets skip text)
     */
    public static double[][][] of(Transformer model, Tokenizer tokenizer, String sentence) {
        Encoding encoding = tokenizer.encodeWithOffsets(sentence);
        int layers = model.config().numLayers();
        List<String> points = new ArrayList<>(layers + 1);
        points.add(HookPoints.residPre(0));
        for (int i = 0; i < layers; i++) points.add(HookPoints.residPost(i));
        ActivationCache cache = new ActivationCache();
        try (NoGrad scope = NoGrad.enter()) {
            model.forward(TokenBatch.of(encoding.ids()), new Hooks().cache(cache, points.toArray(String[]::new)));
        }
        List<int[]> words = words(sentence);
        int hidden = model.config().hiddenSize();
        double[][][] states = new double[layers + 1][words.size()][hidden];
        for (int depth = 0; depth <= layers; depth++) {
            float[] values = cache.get(points.get(depth)).contiguous().toFloatArray();     // [1, T, hidden]
            for (int w = 0; w < words.size(); w++) {
                states[depth][w] = maxOverTokens(values, hidden, encoding, words.get(w), sentence);
            }
        }
        return states;
    }

    private static double[] maxOverTokens(float[] values, int hidden, Encoding encoding, int[] word, String sentence) {
        double[] pooled = new double[hidden];
        Arrays.fill(pooled, Double.NEGATIVE_INFINITY);
        boolean any = false;
        for (int t = 0; t < encoding.size(); t++) {
            if (encoding.starts()[t] < word[1] && encoding.ends()[t] > word[0]) {
                any = true;
                for (int k = 0; k < hidden; k++) pooled[k] = Math.max(pooled[k], values[t * hidden + k]);
            }
        }
        if (!any) {
            throw new IllegalArgumentException("the tokenizer gives no token for the word \""
                    + sentence.substring(word[0], word[1]) + "\" of \"" + sentence + "\"");
        }
        return pooled;
    }
}
