package dev.rein.cli;

import dev.rein.eval.MetricReport;
import dev.rein.eval.PredictionRows;
import dev.rein.eval.RowError;
import dev.rein.eval.RowScoresFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The options every {@code rein eval} metric shares (picocli mixin): the JSON Lines input, where the JSON report
 * and the per-row scores go, and whether stdout gets the table or the JSON.
 */
final class EvalInput {
    /** What the per-row file's name puts in place of the report's {@code .json}. */
    static final String ROWS_SUFFIX = ".rows.jsonl";
    private static final String JSON_SUFFIX = ".json";

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The JSON Lines file to score.")
    private Path input;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the JSON report (default: beside the input, NAME.METRIC.json).")
    private Path out;

    @Option(names = "--rows", paramLabel = "FILE",
            description = "Where to write each row's scores as JSON Lines, with its line and id (default: beside the "
                    + "report, NAME.METRIC.rows.jsonl for NAME.METRIC.json).")
    private Path rowsOut;

    @Option(names = "--json", description = "Print the JSON report instead of the table.")
    private boolean json;

    private PredictionRows rows;

    /** The input's rows (read once); a missing file is a user error. */
    PredictionRows rows() throws IOException {
        if (rows == null) {
            if (!Files.isRegularFile(input)) throw new UserError("--input " + input + ": no such file");
            rows = PredictionRows.read(input);
        }
        return rows;
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

    /**
     * Prints the report (table or JSON) and writes its JSON and its per-row scores, each atomically; returns the
     * exit code 0.
     */
    int publish(MetricReport report) throws IOException {
        Path target = out != null ? out : defaultOut(report.metric());
        Path rowsTarget = rowsOut != null ? rowsOut : rowsBeside(target);
        OutputFile.requireFolder("--out", target);
        OutputFile.requireFolder("--rows", rowsTarget);
        report.writeJson(target);
        RowScoresFile.write(rowsTarget, rows(), report);
        System.out.print(json ? report.json() : report.table());
        if (!json) System.out.println("wrote " + target + " and " + rowsTarget);
        return 0;
    }

    private Path defaultOut(String metric) {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return input.resolveSibling(stem + "." + metric + JSON_SUFFIX);
    }

    /** {@code NAME.rows.jsonl} for a report {@code NAME.json}, else the report's name with {@code .rows.jsonl} added. */
    static Path rowsBeside(Path report) {
        return OutputFile.beside(report, JSON_SUFFIX, ROWS_SUFFIX);
    }
}
