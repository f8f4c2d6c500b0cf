package dev.rein.cli;

import dev.rein.eval.PredictionRows;
import dev.rein.eval.length.LengthMetrics;
import dev.rein.eval.length.LengthTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rein eval length}: CIE's word-count metrics (see {@link LengthMetrics}). */
@Command(name = "length", description = {"CIE's length control: how far each prediction's word count (\\w+ runs) is "
        + "from its target: mean absolute error, exact, within +-K, and in-range share for [min, max] targets.",
        "Targets come from the input rows or from --targets (a JSON Lines file in the same order, e.g. CIE's "
                + "validation.jsonl): an integer field (--target-field, default ans_len), or min and max."})
final class EvalLengthCommand implements Callable<Integer> {
    @Mixin
    private EvalInput input;

    @Option(names = "--field", defaultValue = "prediction", paramLabel = "NAME",
            description = "The field holding the generated text (default: prediction).")
    private String field;

    @Option(names = "--targets", paramLabel = "FILE",
            description = "JSON Lines file with the targets, row for row (default: the input's own rows).")
    private Path targetsFile;

    @Option(names = "--target-field", defaultValue = "ans_len", paramLabel = "NAME",
            description = "The field of an exact target in words (default: ans_len); rows with min and max are ranges.")
    private String targetField;

    @Option(names = "--tolerance", defaultValue = "5,10", split = ",", paramLabel = "K",
            description = "Tolerances in words for the within-K shares (default: 5,10).")
    private int[] tolerances;

    @Override
    public Integer call() throws IOException {
        PredictionRows rows = input.rows();
        List<String> predictions = rows.strings(field);
        PredictionRows targetRows = rows;
        if (targetsFile != null) {
            if (!Files.isRegularFile(targetsFile)) throw new UserError("--targets " + targetsFile + ": no such file");
            targetRows = PredictionRows.read(targetsFile);
            if (targetRows.size() != rows.size()) {
                throw new UserError("--targets " + targetsFile + " has " + targetRows.size() + " rows but --input has "
                        + rows.size() + "; they are matched row by row");
            }
        }
        for (int tolerance : tolerances) {
            if (tolerance < 0) throw new UserError("--tolerance must be at least 0, not " + tolerance);
        }
        return input.publish(LengthMetrics.report(predictions, targets(targetRows), tolerances));
    }

    private List<LengthTarget> targets(PredictionRows rows) {
        List<LengthTarget> targets = new ArrayList<>();
        if (rows.has("min") || rows.has("max")) {
            int[] min = rows.integers("min");
            int[] max = rows.integers("max");
            for (int i = 0; i < min.length; i++) {
                if (min[i] < 0 || max[i] < min[i]) {
                    throw new UserError(rows.file() + ": line " + rows.line(i) + ": expected 0 <= min <= max, found ["
                            + min[i] + ", " + max[i] + "]");
                }
                targets.add(new LengthTarget.Range(min[i], max[i]));
            }
        } else {
            int[] exact = rows.integers(targetField);
            for (int i = 0; i < exact.length; i++) {
                if (exact[i] < 0) {
                    throw new UserError(rows.file() + ": line " + rows.line(i) + ": " + targetField
                            + ": expected a word count of at least 0, found " + exact[i]);
                }
                targets.add(new LengthTarget.Exact(exact[i]));
            }
        }
        return targets;
    }
}
