package dev.rein.cli;

import dev.rein.eval.MetricReport;
import dev.rein.eval.PredictionRows;
import dev.rein.eval.RowError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The options every {@code rein eval} metric shares (picocli mixin): the JSON Lines input, where the JSON report
 * goes, and whether stdout gets the table or the JSON.
 */
final class EvalInput {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The JSON Lines file to score.")
    private Path input;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the JSON report (default: beside the input, NAME.METRIC.json).")
    private Path out;

    @Option(names = "--json", description = "Print the JSON report instead of the table.")
    private boolean json;

    /** The input's rows; a missing file is a user error. */
    PredictionRows rows() throws IOException {
        if (!Files.isRegularFile(input)) throw new UserError("--input " + input + ": no such file");
        return PredictionRows.read(input);
    }

    /**
     * Computes a metric over {@code rows}; a row the metric cannot score (a {@link RowError}) becomes a
     * FormatException naming the row's line in the file.
     */
    static <T> T atLines(PredictionRows rows, Supplier<T> metric) {
        try {
            return metric.get();
        } catch (RowError error) {
            throw rows.at(error);
        }
    }

    /** Prints the report (table or JSON) and writes its JSON atomically; returns the exit code 0. */
    int publish(MetricReport report) throws IOException {
        Path target = out != null ? out : defaultOut(report.metric());
        OutputFile.requireFolder("--out", target);
        report.writeJson(target);
        System.out.print(json ? report.json() : report.table());
        if (!json) System.out.println("wrote " + target);
        return 0;
    }

    private Path defaultOut(String metric) {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return input.resolveSibling(stem + "." + metric + ".json");
    }
}
