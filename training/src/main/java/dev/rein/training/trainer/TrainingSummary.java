package dev.rein.training.trainer;

import java.nio.file.Path;

/**
 * How a training run ended.
 *
 * @param steps       updates done in all (including those before a resume)
 * @param resumedFrom the step of the checkpoint the run resumed from (0 for a fresh start)
 * @param last        the last step's metrics, or null when the run was already complete when resumed
 * @param eval        the held-out loss after the last step, or null without held-out data
 * @param finalModel  the folder holding the trained model
 */
public record TrainingSummary(long steps, long resumedFrom, StepMetrics last, EvalResult eval, Path finalModel) {
}
