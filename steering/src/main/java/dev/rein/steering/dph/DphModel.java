package dev.rein.steering.dph;

import dev.rein.autograd.NoGrad;
import dev.rein.autograd.Variable;
import dev.rein.data.batch.TrainingBatch;
import dev.rein.data.lm.LmExample;
import dev.rein.data.lm.RowBatches;
import dev.rein.data.lm.RowOrder;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.Logits;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Indexing;
import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A backbone with DPH heads on it and the format its replies are written in: what training, evaluation and best-of-N
 * share. Rows are right-padded with {@code padId} (the model's EOS), and a row's reward is read at the last pool
 * token that is not padding.
 */
public record DphModel(Transformer transformer, DphHeads heads, ReplyFormat format, int padId) {

    /** What one forward pass gives: the pooled states [R, d] and, when asked for, the logits [R, T, V]. */
    public record Forward(Variable pooled, Variable logits) {
    }

    /**
     * @throws IllegalArgumentException when the heads read states of another width, or pool at another token
     */
    public DphModel {
        if (heads.pooledHead().config().hiddenSize() != transformer.config().hiddenSize()) {
            throw new IllegalArgumentException("the heads read states of width "
                    + heads.pooledHead().config().hiddenSize() + ", the model's hidden size is "
                    + transformer.config().hiddenSize());
        }
        if (heads.poolTokenId() != format.poolTokenId()) {
            throw new IllegalArgumentException("the heads pool at " + heads.poolToken() + " (id "
                    + heads.poolTokenId() + "), the format at " + format.poolToken() + " (id " + format.poolTokenId() + ")");
        }
    }

    /** {@code rows} right-padded into one batch, labels and all. */
    public TrainingBatch collate(List<LmExample> rows) {
        return new RowBatches(rows, rows.size(), padId, RowOrder.asGiven()).next();
    }

    /**
     * Runs the backbone on {@code batch} and pools the final normed state at each row's last pool token; gradients
     * reach whatever is trainable. Only the last position's logits are computed unless {@code logits} asks for all.
     */
    public Forward forward(TrainingBatch batch, Logits logits) {
        Variable[] hidden = new Variable[1];
        Variable out = transformer.forward(batch.tokens(), null, new Hooks().addTrainable(HookPoints.FINAL_NORMALIZED,
                (h, context) -> {
                    hidden[0] = h;
                    return h;
                }), logits);
        return new Forward(heads.pooledHead().config().pooling().pool(hidden[0], batch.tokens()), out);
    }

    /** The pooled states [N, d] of {@code rows}, {@code batchSize} per pass, recording nothing. */
    public Tensor pooled(List<LmExample> rows, int batchSize) {
        List<Tensor> parts = new ArrayList<>();
        try (NoGrad _ = NoGrad.enter()) {
            for (int first = 0; first < rows.size(); first += batchSize) {
                TrainingBatch batch = collate(rows.subList(first, Math.min(first + batchSize, rows.size())));
                parts.add(forward(batch, Logits.LAST_POSITION).pooled().value().contiguous());
            }
        }
        return Indexing.concat(parts, 0);
    }

    /** Every head's reward of each row: [N][k], dropout off. */
    public double[][] rewards(List<LmExample> rows, int batchSize) {
        Tensor rewards;
        try (NoGrad _ = NoGrad.enter()) {
            rewards = heads.rewards(Variable.constant(pooled(rows, batchSize))).value().contiguous();   // [N, k]
        }
        int k = heads.names().size();
        float[] flat = rewards.toFloatArray();
        double[][] out = new double[rows.size()][k];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < k; j++) out[i][j] = flat[i * k + j];
        }
        return out;
    }

    /**
     * Head {@code head}'s reward of each prompt's reply, written in the format (closed by its end-of-turn token).
     *
     * @throws IllegalArgumentException when there is no such head or the lists differ in length
     */
    public double[] rewards(List<String> prompts, List<String> replies, String head, int batchSize) {
        if (prompts.size() != replies.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + replies.size() + " replies");
        }
        int column = heads.column(head);
        List<LmExample> rows = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) rows.add(format.example(prompts.get(i), replies.get(i)));
        double[][] all = rewards(rows, batchSize);
        double[] out = new double[all.length];
        for (int i = 0; i < all.length; i++) out[i] = all[i][column];
        return out;
    }
}
