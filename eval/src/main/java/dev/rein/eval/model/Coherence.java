package dev.rein.eval.model;

import dev.rein.eval.MetricReport;
import dev.rein.eval.RowScore;
import dev.rein.eval.RowError;
import dev.rein.models.hooks.HookPoint;
import dev.rein.models.hooks.HookPoints;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.EncodeOption;
import java.util.Arrays;
import java.util.List;

/**
 * RE-Control's coherence (METHODS.md 5.4): the cosine similarity of a prompt's and its response's embeddings,
 * averaged over the pairs. RE-Control embedded with SimCSE; here the embedding is a Rein model's hidden state at
 * one hook point, by default the final normed state {@code ln_final.hook_normalized} (or
 * {@code blocks.{i}.hook_resid_post}), averaged over the tokens of the text itself. The model runs on the text with
 * the tokenizer's special tokens, but those (BOS) are left out of the mean: BOS has the same state in every text
 * and would pull every pair's cosine toward 1.
 */
public final class Coherence {
    private final ScoringModel model;
    private final String hookPoint;

    /**
     * @throws IllegalArgumentException when the model has no such hook point, or its activation is not one state
     *                                  per position ([B, T, H]: not an attention point, not the logits)
     */
    public Coherence(ScoringModel model, String hookPoint) {
        if (!model.transformer().hookPoints().contains(hookPoint) || hookPoint.equals(HookPoints.LOGITS)
                || HookPoint.parse(hookPoint).positionAxis() != 1) {
            throw new IllegalArgumentException("coherence reads hidden states [B, T, H] at a point of the model such as "
                    + HookPoints.FINAL_NORMALIZED + " or " + HookPoints.residPost(0) + ", not " + hookPoint);
        }
        this.model = model;
        this.hookPoint = hookPoint;
    }

    /** Coherence at the final normed state, {@code ln_final.hook_normalized}. */
    public static Coherence atFinalNorm(ScoringModel model) {
        return new Coherence(model, HookPoints.FINAL_NORMALIZED);
    }

    public String hookPoint() {
        return hookPoint;
    }

    /** The cosine of each prompt-response pair, in input order, and the hook point the embeddings came from. */
    public record Result(String hookPoint, double[] cosines) {
        public Result {
            cosines = cosines.clone();
        }

        @Override
        public double[] cosines() {
            return cosines.clone();
        }

        /** The mean cosine: RE-Control's coherence. */
        public double mean() {
            return Arrays.stream(cosines).average().orElseThrow();
        }

        /** The report, with the hook point and {@code model} (a name or folder) as settings; per row its cosine. */
        public MetricReport report(String model) {
            return MetricReport.builder("coherence", cosines.length).setting("model", model)
                    .setting("hook_point", hookPoint)
                    .value("coherence", mean(), "mean cosine of prompt and response embeddings")
                    .value("min", Arrays.stream(cosines).min().orElseThrow(), "lowest pair cosine")
                    .value("max", Arrays.stream(cosines).max().orElseThrow(), "highest pair cosine")
                    .perRow(Arrays.stream(cosines).mapToObj(cosine -> new RowScore().number("cosine", cosine))
                            .toList())
                    .build();
        }
    }

    /**
     * The coherence of each prompt with its response.
     *
     * @throws IllegalArgumentException when the lists differ in length or are empty
     * @throws RowError                 naming the first pair whose prompt or response has no tokens of its own or is
     *                                  longer than the context
     */
    public Result score(List<String> prompts, List<String> responses) {
        if (prompts.size() != responses.size() || prompts.isEmpty()) {
            throw new IllegalArgumentException("expected one response per prompt and at least one pair, got "
                    + prompts.size() + " prompts and " + responses.size() + " responses");
        }
        float[][] promptVectors = embed(prompts, "prompt");
        float[][] responseVectors = embed(responses, "response");
        double[] cosines = new double[prompts.size()];
        for (int i = 0; i < cosines.length; i++) cosines[i] = cosine(promptVectors[i], responseVectors[i]);
        return new Result(hookPoint, cosines);
    }

    /**
     * Each text's embedding [H]: the mean of its hidden states at the hook point over the positions of its own
     * tokens (those the tokenizer did not add).
     *
     * @throws RowError naming the first text with no tokens of its own or longer than the context
     */
    public float[][] embed(List<String> texts) {
        List<int[]> sequences = model.encodeAll(texts);
        int[] firstOwn = new int[texts.size()];
        int[] ownCount = new int[texts.size()];
        for (int row = 0; row < texts.size(); row++) {
            int[] own = model.tokenizer().encode(texts.get(row), EncodeOption.WITHOUT_SPECIAL_TOKENS);
            if (own.length == 0) throw new RowError(row, "has no tokens to embed (the text is empty)");
            firstOwn[row] = offsetOf(own, sequences.get(row));
            ownCount[row] = own.length;
        }
        float[][] vectors = new float[texts.size()][];
        for (PaddedBatch batch : PaddedBatch.split(sequences, model.batchSize())) {
            Tensor hidden = model.activations(batch.tokens(), hookPoint);            // [B, T, H]
            int t = hidden.size(1);
            int h = hidden.size(2);
            float[] states = hidden.contiguous().toFloatArray();
            for (int row = 0; row < batch.rows().length; row++) {
                int text = batch.rows()[row];
                double[] sum = new double[h];
                for (int j = firstOwn[text]; j < firstOwn[text] + ownCount[text]; j++) {
                    for (int k = 0; k < h; k++) sum[k] += states[(row * t + j) * h + k];
                }
                float[] mean = new float[h];
                for (int k = 0; k < h; k++) mean[k] = (float) (sum[k] / ownCount[text]);
                vectors[text] = mean;
            }
        }
        return vectors;
    }

    /** {@link #embed(List)}, with {@code side} (prompt, response) named in a row's error. */
    private float[][] embed(List<String> texts, String side) {
        try {
            return embed(texts);
        } catch (RowError error) {
            throw new RowError(error.row(), side + " " + error.problem());
        }
    }

    /** Where the text's own tokens start within its encoding with special tokens (after BOS, for example). */
    private static int offsetOf(int[] own, int[] withSpecial) {
        for (int offset = 0; offset + own.length <= withSpecial.length; offset++) {
            if (Arrays.equals(withSpecial, offset, offset + own.length, own, 0, own.length)) return offset;
        }
        throw new IllegalStateException("the tokenizer's special tokens changed the text's own tokens: "
                + Arrays.toString(own) + " is not within " + Arrays.toString(withSpecial));
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, aa = 0, bb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
            aa += (double) a[k] * a[k];
            bb += (double) b[k] * b[k];
        }
        return dot / Math.sqrt(aa * bb);
    }
}
