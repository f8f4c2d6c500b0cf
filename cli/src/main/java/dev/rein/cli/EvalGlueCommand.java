package dev.rein.cli;

import dev.rein.eval.GlueTask;
import dev.rein.eval.PredictionRows;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rein eval glue}: GLUE's metrics of any predictions file ({@link GlueTask}). */
@Command(name = "glue", description = {"GLUE metrics of predictions against labels: accuracy, F1 of class 1 and "
        + "Matthews' correlation for the classification tasks, Pearson and Spearman for stsb, with the task's score "
        + "(cola: Matthews; mrpc, qqp: mean of accuracy and F1; stsb: mean of the correlations; others: accuracy).",
        "Rows hold the prediction and the label: integers for classes, numbers for stsb."})
final class EvalGlueCommand implements Callable<Integer> {
    @Mixin
    private EvalInput input;

    @Option(names = "--task", required = true, paramLabel = "NAME",
            description = "cola, sst2, mrpc, qqp, stsb, mnli, qnli, rte or wnli.")
    private String task;

    @Option(names = "--prediction-field", defaultValue = "prediction", paramLabel = "NAME",
            description = "The field holding the prediction (default: ${DEFAULT-VALUE}).")
    private String predictionField;

    @Option(names = "--label-field", defaultValue = "label", paramLabel = "NAME",
            description = "The field holding the label (default: ${DEFAULT-VALUE}).")
    private String labelField;

    @Override
    public Integer call() throws IOException {
        GlueTask glue;
        try {
            glue = GlueTask.of(task);
        } catch (IllegalArgumentException e) {
            throw new UserError("--task: " + e.getMessage());
        }
        PredictionRows rows = input.rows();
        return input.publish(glue.regression()
                ? glue.regression(rows.numbers(predictionField), rows.numbers(labelField))
                : glue.classification(rows.integers(predictionField), rows.integers(labelField)));
    }
}
