package dev.rein.cli;

import dev.rein.models.LanguageModel;
import dev.rein.steering.recontrol.ValueFunction;
import dev.rein.steering.recontrol.ValueGuidance;
import dev.rein.steering.recontrol.ValueModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How far each decoding step climbs a RE-Control value model ({@link ValueGuidance}): a picocli mixin of
 * {@code rein recontrol eval}, and the base of {@code rein generate}'s {@link RecontrolOptions} group (picocli
 * groups cannot hold mixins).
 */
class GuidanceOptions {
    @Option(names = "--steps", required = true, paramLabel = "N",
            description = "Gradient-ascent steps on the value per decoding step (RE-Control: 30; 0: no edit).")
    private int steps;

    @Option(names = "--step-size", required = true, paramLabel = "A",
            description = "Step size of the ascent, h <- h + A * grad V(h) (RE-Control: 0.5 or 1.0).")
    private float stepSize;

    @Option(names = "--recontrol-positions", paramLabel = "WHICH", defaultValue = "all",
            description = "all: every position of each pass (RE-Control); new: only the newest. At the final normed "
                    + "state both choose the same tokens (default: ${DEFAULT-VALUE}).")
    private ValueGuidance.Positions positions;

    @Option(names = "--max-edit-norm", paramLabel = "R",
            description = "Keep each position's edit within L2 norm R (default: no bound, as RE-Control).")
    private Double maxEditNorm;

    /**
     * The guidance of the value model in {@code folder} (given as {@code option}) for {@code model}, whose hidden
     * states must be what the value model reads.
     */
    ValueGuidance guidance(LanguageModel model, Path folder, String option) throws IOException {
        if (!Files.isRegularFile(folder.resolve(ValueFunction.CONFIG_FILE))) {
            throw new UserError(option + " " + folder + ": no " + ValueFunction.CONFIG_FILE + " there; rein recontrol "
                    + "train writes one");
        }
        if (steps < 0 || !(stepSize >= 0) || (maxEditNorm != null && !(maxEditNorm > 0))) {
            throw new UserError("--steps and --step-size must be at least 0 and --max-edit-norm above 0, got "
                    + steps + ", " + stepSize + " and " + maxEditNorm);
        }
        ValueFunction value = ValueFunction.load(folder);
        ValueModelConfig config = value.config();
        if (!model.transformer().hookPoints().contains(config.hookPoint())
                || config.inputSize() != model.config().hiddenSize()) {
            throw new UserError(option + " " + folder + " reads " + config.inputSize() + "-wide states at "
                    + config.hookPoint() + ", but the model has " + model.config().hiddenSize() + "-wide states and "
                    + model.config().numLayers() + " layers");
        }
        return new ValueGuidance(value, steps, stepSize,
                maxEditNorm == null ? ValueGuidance.UNBOUNDED : maxEditNorm, positions);
    }
}
