package dev.rein.eval.model;

import dev.rein.autograd.NoGrad;
import dev.rein.autograd.Variable;
import dev.rein.eval.MetricReport;
import dev.rein.eval.RowScore;
import dev.rein.eval.Samples;
import dev.rein.eval.RowError;
import dev.rein.eval.TextScorer;
import dev.rein.training.heads.HeadConfig;
import dev.rein.training.heads.PooledHead;
import dev.rein.training.heads.Pooling;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A trained head on a model's pooled hidden states (a DPH reward head, a reward or value model; see
 * {@link PooledHead}) as a {@link TextScorer}: a text's score is the head's single output for the text encoded with
 * the tokenizer's special tokens. The text is scored as given: a DPH head pools at the last {@code <|im_end|>}, so
 * its texts must end with that token (METHODS.md 3.1), and a text without it is a {@link RowError}.
 */
public final class RewardScorer implements TextScorer {
    private final ScoringModel model;
    private final PooledHead head;

    /**
     * @throws IllegalArgumentException when the head has more than one output, or reads a hook point the model lacks
     *                                  or states of another width than the model's hidden size
     */
    public RewardScorer(ScoringModel model, PooledHead head) {
        HeadConfig config = head.config();
        if (config.outputs() != 1) {
            throw new IllegalArgumentException("a reward head has one output, this head has " + config.outputs());
        }
        if (!model.transformer().hookPoints().contains(config.hookPoint())) {
            throw new IllegalArgumentException("the head reads " + config.hookPoint() + ", which the model lacks");
        }
        int hidden = model.transformer().config().hiddenSize();
        if (config.hiddenSize() != hidden) {
            throw new IllegalArgumentException("the head reads states of width " + config.hiddenSize()
                    + " but the model's hidden size is " + hidden);
        }
        this.model = model;
        this.head = head;
    }

    /** The head saved in {@code headFolder} ({@link PooledHead#save}) on {@code model}. */
    public static RewardScorer load(ScoringModel model, Path headFolder) throws IOException {
        return new RewardScorer(model, PooledHead.load(headFolder));
    }

    @Override
    public double score(String text) {
        return scoreAll(List.of(text))[0];
    }

    /**
     * The rewards of {@code texts}, {@link ScoringModel#batchSize()} per forward pass.
     *
     * @throws RowError naming the first text longer than the context, or without the token the head pools at
     */
    @Override
    public double[] scoreAll(List<String> texts) {
        List<int[]> sequences = model.encodeAll(texts);
        if (head.config().pooling() instanceof Pooling.LastToken(int tokenId)) {
            for (int row = 0; row < sequences.size(); row++) {
                if (Arrays.stream(sequences.get(row)).noneMatch(id -> id == tokenId)) {
                    throw new RowError(row, "holds no token " + tokenId + " (" + model.tokenizer().idToPiece(tokenId)
                            + ") for the head to pool at; append it to the text (DPH: <|im_end|> after the reply)");
                }
            }
        }
        double[] rewards = new double[texts.size()];
        for (PaddedBatch batch : PaddedBatch.split(sequences, model.batchSize())) {
            Variable hidden = Variable.constant(model.activations(batch.tokens(), head.config().hookPoint()));
            float[] outputs;
            try (NoGrad _ = NoGrad.enter()) {
                outputs = head.apply(hidden, batch.tokens()).value().contiguous().toFloatArray();   // [B, 1]
            }
            for (int row = 0; row < batch.rows().length; row++) rewards[batch.rows()[row]] = outputs[row];
        }
        return rewards;
    }

    /** The summary of {@code rewards}, with the model and head (names or folders) as settings; per row its reward. */
    public static MetricReport report(double[] rewards, String model, String head) {
        if (rewards.length == 0) throw new IllegalArgumentException("no rewards to report");
        return MetricReport.builder("reward", rewards.length).setting("model", model).setting("head", head)
                .value("mean_reward", Samples.mean(rewards), "mean of the head's output over the texts")
                .value("std_reward", Samples.populationStd(rewards), "population standard deviation of the rewards")
                .value("min", Arrays.stream(rewards).min().orElseThrow(), "lowest reward")
                .value("max", Arrays.stream(rewards).max().orElseThrow(), "highest reward")
                .perRow(Arrays.stream(rewards).mapToObj(reward -> new RowScore().number("reward", reward)).toList())
                .build();
    }
}
