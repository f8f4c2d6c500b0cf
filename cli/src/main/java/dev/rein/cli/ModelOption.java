package dev.rein.cli;

import dev.rein.formats.FormatException;
import dev.rein.models.LanguageModel;
import dev.rein.models.ModelReference;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code -m/--model} option of every command that runs a model (picocli mixin). It takes what
 * {@link ModelReference} reads, a folder, a GGUF file, a llama2.c file, {@code default} or a Hub id, and is
 * {@code default} when
 * left out, so that every command runs on the embedded model with no download.
 */
final class ModelOption {
    /** The option's description, also for the commands that declare {@code --model} inside an argument group. */
    static final String DESCRIPTION = "A model folder, a .gguf file, a llama2.c .bin, `default` (the embedded model, "
            + "the default) or a Hugging Face Hub id org/name[@revision].";

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", defaultValue = ModelReference.DEFAULT,
            description = DESCRIPTION)
    private String reference;

    /** The local folder or file of the model (unpacked or downloaded first where needed). */
    Path resolve() throws IOException {
        return resolve("--model", reference);
    }

    /** Loads the model (close it when done). */
    LanguageModel load() throws IOException {
        return LanguageModel.load(resolve());
    }

    /** The model as {@link ModelReference} reads it, for what records how to find the model again. */
    ModelReference reference() {
        return ModelReference.parse(reference);
    }

    /** The model as the user named it, for messages and the settings recorded in reports. */
    String name() {
        return reference;
    }

    /**
     * The local folder or file of the model {@code reference} names; a reference that names nothing is a user error
     * naming {@code option}, e.g. {@code --model /no/such: no such file or folder (...)}.
     */
    static Path resolve(String option, String reference) throws IOException {
        try {
            return ModelReference.parse(reference).resolve();
        } catch (FormatException e) {
            throw new UserError(option + " " + e.getMessage());
        }
    }
}
