package dev.rein.cli;

import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.Hooks;
import dev.rein.steering.recontrol.ValueGuidance;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code rein generate}'s RE-Control options (a picocli argument group: given together or not at all): the value
 * model, and how far each decoding step climbs it ({@link ValueGuidance}).
 */
final class RecontrolOptions extends GuidanceOptions {
    @Option(names = "--recontrol", required = true, paramLabel = "VALUE_MODEL",
            description = "Steer with this value model folder (value_model.json and .safetensors).")
    private Path folder;

    /** The guidance hooks for {@code model}, whose hidden states must be what the value model reads. */
    Hooks hooks(LanguageModel model) throws IOException {
        return guidance(model, folder, "--recontrol").hooks();
    }
}
