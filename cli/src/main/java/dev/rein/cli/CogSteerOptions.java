package dev.rein.cli;

import dev.rein.models.LanguageModel;
import dev.rein.models.generation.Generator;
import dev.rein.steering.cogsteer.LayerAdapter;
import dev.rein.steering.cogsteer.SteeredForward;
import dev.rein.steering.cogsteer.SteeringSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code rein generate}'s CogSteer options (a picocli argument group): the adapter folder that {@code rein cogsteer
 * train} wrote and the intervention's knobs; generation then runs the adapter pass and the
 * steered base pass per step ({@link SteeredForward}).
 */
final class CogSteerOptions {
    @Option(names = "--cogsteer", required = true, paramLabel = "ADAPTER_DIR",
            description = "Steer away from what this one-layer adapter (rein cogsteer train) learned.")
    private Path folder;

    @Option(names = "--norm-exp", paramLabel = "P", defaultValue = "0.4",
            description = "p in s = (1 + |delta|)^p (default: ${DEFAULT-VALUE}).")
    private double normExponent;

    @Option(names = "--renorm", description = "Rescale the edited heads to their original norm.")
    private boolean renorm;

    /** A generator of {@code model} steered by the adapter; an adapter for another model is a user error. */
    Generator generator(LanguageModel model) throws IOException {
        return steered(model, adapter("--cogsteer", folder, model), settings(normExponent, renorm));
    }

    /** The intervention's knobs as settings. */
    static SteeringSettings settings(double normExponent, boolean renorm) {
        return SteeringSettings.defaults().withNormExponent(normExponent)
                .withNorm(renorm ? SteeringSettings.Norm.RENORMALISED : SteeringSettings.Norm.AS_EDITED);
    }

    /** The adapter in {@code folder}, given as {@code option}; a missing folder is a user error. */
    static LayerAdapter adapter(String option, Path folder, LanguageModel model) throws IOException {
        if (!Files.isDirectory(folder)) throw new UserError(option + " " + folder + ": no such folder");
        return LayerAdapter.load(folder, model.transformer());
    }

    /** A generator of {@code model} steered away from {@code adapter}'s attribute. */
    static Generator steered(LanguageModel model, LayerAdapter adapter, SteeringSettings settings) {
        return new Generator(model.transformer(), new SteeredForward(model.transformer(), adapter, settings));
    }
}
