package dev.rein.eval.model;

import dev.rein.eval.MetricReport;
import dev.rein.eval.RowScore;
import dev.rein.eval.RowError;
import java.util.ArrayList;
import java.util.List;

/**
 * How well a model predicts texts. Each text is encoded with the tokenizer's special tokens (BOS where it adds one)
 * and every token after the first is predicted from the ones before it: a text of n tokens has n − 1 predicted
 * tokens with negative log-likelihoods −log p(token | before). Per text, the mean of those is its NLL and
 * exp(NLL) its perplexity; over the corpus, {@code perplexity} = exp(total NLL / total predicted tokens), so long
 * texts weigh more than short ones (Hugging Face's corpus perplexity without a sliding window). Texts longer than
 * the model's context are refused ({@link ScoringModel}).
 */
public final class Perplexity {
    private final ScoringModel model;

    public Perplexity(ScoringModel model) {
        this.model = model;
    }

    /** The negative log-likelihood of one text: its predicted tokens and their summed NLL (natural log). */
    public record Text(int tokens, double totalNll) {
        /** The mean NLL per predicted token. */
        public double meanNll() {
            return totalNll / tokens;
        }

        /** exp(mean NLL). */
        public double perplexity() {
            return Math.exp(meanNll());
        }
    }

    /** The texts' NLLs, in input order. */
    public record Result(List<Text> texts) {
        public Result {
            texts = List.copyOf(texts);
        }

        /** Predicted tokens over all texts. */
        public long totalTokens() {
            return texts.stream().mapToLong(Text::tokens).sum();
        }

        /** Total NLL / total predicted tokens. */
        public double meanNll() {
            return texts.stream().mapToDouble(Text::totalNll).sum() / totalTokens();
        }

        /** exp({@link #meanNll()}): the corpus perplexity. */
        public double perplexity() {
            return Math.exp(meanNll());
        }

        /** The mean of the texts' own perplexities, each text weighing the same. */
        public double meanTextPerplexity() {
            return texts.stream().mapToDouble(Text::perplexity).average().orElseThrow();
        }

        /**
         * The report, with {@code model} (a name or folder) as a setting; per row the text's {@code tokens}
         * (predicted), {@code nll} (mean, nats) and {@code perplexity}.
         */
        public MetricReport report(String model) {
            return MetricReport.builder("perplexity", texts.size()).setting("model", model)
                    .value("perplexity", perplexity(), "exp(total NLL / total predicted tokens)")
                    .value("mean_nll", meanNll(), "total NLL / total predicted tokens (nats)")
                    .value("mean_text_perplexity", meanTextPerplexity(), "mean over texts of exp(text's mean NLL)")
                    .value("tokens", totalTokens(), "predicted tokens (each text's tokens after the first)")
                    .perRow(texts.stream().map(text -> new RowScore().count("tokens", text.tokens())
                            .number("nll", text.meanNll()).number("perplexity", text.perplexity())).toList())
                    .build();
        }
    }

    /**
     * The NLLs of {@code texts}.
     *
     * @throws RowError naming the first text longer than the context, or with fewer than 2 tokens (nothing to predict)
     */
    public Result ofTexts(List<String> texts) {
        return ofIds(model.encodeAll(texts));
    }

    /**
     * The NLLs of token sequences, each predicted from its first token on.
     *
     * @throws RowError naming the first sequence longer than the context, with fewer than 2 tokens, or with an id
     *                  outside the vocabulary
     */
    public Result ofIds(List<int[]> sequences) {
        if (sequences.isEmpty()) throw new IllegalArgumentException("no texts to score");
        for (int row = 0; row < sequences.size(); row++) {
            if (sequences.get(row).length < 2) {
                throw new RowError(row, "has " + sequences.get(row).length + " token(s), so no token is predicted "
                        + "(the first is only context)");
            }
        }
        List<Text> texts = new ArrayList<>();
        for (float[] logProbs : model.nextTokenLogProbs(sequences)) {
            double nll = 0;
            for (float logProb : logProbs) nll -= logProb;
            texts.add(new Text(logProbs.length, nll));
        }
        return new Result(texts);
    }
}
