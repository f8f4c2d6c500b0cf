package dev.rein.training.trainer;

import java.nio.file.Path;

/**
 * Where a training run writes: {@code folder} receives {@code metrics.jsonl}, the checkpoints
 * ({@code checkpoint-<step>}) and the trained model ({@code final}); the model folders get the tokenizer and
 * generation files of {@code filesFrom}.
 *
 * @param folder    the run's output folder (created if needed)
 * @param filesFrom the model folder training started from, whose tokenizer files are copied; null for none
 */
public record TrainingOutput(Path folder, Path filesFrom) {
    /** The folder name of the trained model. */
    public static final String FINAL_MODEL = "final";

    public TrainingOutput {
        if (folder == null) {
            throw new IllegalArgumentException("the output folder must be given");
        }
    }

    public Path metricsLog() {
        return folder.resolve(MetricsLog.FILE_NAME);
    }

    public Path finalModel() {
        return folder.resolve(FINAL_MODEL);
    }
}
