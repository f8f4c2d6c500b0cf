package dev.rein.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.rein.models.LanguageModel;
import dev.rein.models.transformer.TokenBatch;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein logits}: one forward pass, and the logits at every position: the top tokens with their probabilities,
 * or with {@code --json} every logit, printed so that each float reads back exactly (for diffing against another
 * implementation).
 */
@Command(name = "logits", description = {"Run a model on tokens and show the logits at every position.",
        "Prints the top 5 tokens with logit and probability, or every logit with --json."})
final class LogitsCommand implements Callable<Integer> {
    @Mixin
    private BackendOption backend;

    private static final int TOP = 5;

    @Mixin
    private ModelInput input;

    @Option(names = "--json", description = "Print {\"logits\": [[...], ...]}: one row per position, the whole vocabulary.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        backend.install();
        try (LanguageModel model = input.load()) {
            int[] ids = input.ids(model);
            List<LogitRow> rows = LogitRow.rows(model.transformer().forward(TokenBatch.of(ids)).value());
            if (json) {
                printJson(System.out, rows);
            } else {
                printTable(System.out, ids, rows, new TokenLabels(model.hasTokenizer() ? model.tokenizer() : null));
            }
        }
        return 0;
    }

    /** Jackson writes each float with {@link Float#toString}, the shortest text that parses back to the same float. */
    private static void printJson(PrintStream out, List<LogitRow> rows) throws IOException {
        try (JsonGenerator generator = new JsonFactory().createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            generator.writeStartObject();
            generator.writeArrayFieldStart("logits");
            for (LogitRow row : rows) {
                generator.writeStartArray();
                for (float logit : row.logits()) {
                    generator.writeNumber(logit);
                }
                generator.writeEndArray();
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }
        out.println();
    }

    /** Per position its token and log-sum-exp, then the top tokens: id, piece, logit, probability. */
    private static void printTable(PrintStream out, int[] ids, List<LogitRow> rows, TokenLabels labels) {
        int pieceWidth = 5;
        for (LogitRow row : rows) {
            for (int id : row.top(TOP)) {
                pieceWidth = Math.max(pieceWidth, labels.quoted(id).length());
            }
        }
        String line = "  %8s  %-" + Math.min(pieceWidth, 32) + "s  %10s  %11s%n";
        out.printf(line, "id", "token", "logit", "probability");
        for (int t = 0; t < ids.length; t++) {
            LogitRow row = rows.get(t);
            out.printf(Locale.ROOT, "position %d: %s, logsumexp %.4f%n", t, labels.describe(ids[t]), row.logSumExp());
            for (int id : row.top(TOP)) {
                out.printf(line, id, labels.quoted(id), String.format(Locale.ROOT, "%.4f", row.logits()[id]),
                        String.format(Locale.ROOT, "%.2f%%", 100 * row.probability(id)));
            }
        }
    }
}
