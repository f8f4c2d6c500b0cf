package dev.rein.cli;

import dev.rein.eval.PredictionRows;
import dev.rein.eval.sentiment.SentimentMetrics;
import dev.rein.eval.sentiment.SentimentScores;
import dev.rein.eval.sentiment.Vader;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rein eval sentiment}: VADER's sentiment of each text (see {@link SentimentMetrics}). */
@Command(name = "sentiment", description = {"VADER sentiment (vaderSentiment 3.3.2) of each row's text: mean compound, "
        + "the share labelled positive by pos > neg (the control-token seed's rule), the shares with compound >= 0.05 "
        + "and <= -0.05 (VADER's thresholds), and the mean pos/neu/neg proportions.",
        "Each row's text is scored whole; VADER is made for sentences, so split longer texts into rows first."})
final class EvalSentimentCommand implements Callable<Integer> {
    @Mixin
    private EvalInput input;

    @Option(names = "--field", defaultValue = "text", paramLabel = "NAME",
            description = "The field holding the text to score (default: text).")
    private String field;

    @Mixin
    private VaderOption vaderOption;

    @Override
    public Integer call() throws IOException {
        PredictionRows rows = input.rows();
        List<String> texts = rows.strings(field);
        Vader vader = vaderOption.load();
        List<SentimentScores> scores = texts.stream().map(vader::scores).toList();
        return input.publish(SentimentMetrics.report(scores));
    }
}
