package dev.rein.cli;

import dev.rein.models.LanguageModel;
import dev.rein.steering.cie.CieControls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code rein generate}'s CIE options (a picocli argument group: given together or not at all): the folder of
 * control tables and the value of each signal, e.g. {@code --cie DIR --control length=120}.
 */
final class CieOptions {
    @Option(names = "--cie", required = true, paramLabel = "TABLE_DIR",
            description = "Control generation with the CIE tables of this folder (cie_config.json, from rein cie "
                    + "train); the placeholders go at the end of the prompt, rendered as in training.")
    private Path folder;

    @Option(names = "--control", required = true, paramLabel = "NAME=VALUE", mapFallbackValue = "",
            description = "A signal's value, e.g. length=120 (repeatable, one per signal).")
    private Map<String, String> controls = new LinkedHashMap<>();

    /** The tables on {@code model}. */
    CieControls load(LanguageModel model) throws IOException {
        return CieControls.load(model, folder, "--cie " + folder);
    }

    /** The values by signal name, in the order given; a value that is not a finite number is a user error. */
    Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        controls.forEach((name, text) -> values.put(name, number(name, text)));
        return values;
    }

    private static double number(String name, String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("--control " + name + "=" + text + ": the value must be a number");
    }
}
