package dev.rein.models;

import dev.rein.formats.FormatException;
import dev.rein.formats.config.GenerationConfig;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.layout.ParameterSpec;
import dev.rein.formats.llama2c.Llama2cCheckpoint;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.models.transformer.Transformer;
import dev.rein.models.transformer.WeightLoader;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A model ready to run: the transformer, its tokenizer when the folder has one, and its generation defaults. Owns
 * the memory-mapped weight files until {@link #close}.
 */
public final class LanguageModel implements AutoCloseable {
    private final Transformer transformer;
    private final Tokenizer tokenizer;
    private final GenerationConfig generationConfig;
    private final Runnable releaseWeights;

    /** @param releaseWeights unmaps the weight files; run once by {@link #close} */
    public LanguageModel(Transformer transformer, Tokenizer tokenizer, GenerationConfig generationConfig,
                         Runnable releaseWeights) {
        this.transformer = transformer;
        this.tokenizer = tokenizer;
        this.generationConfig = generationConfig;
        this.releaseWeights = releaseWeights;
    }

    /**
     * Loads the model a user names: {@code default} (the embedded default model), a folder or llama2.c file, or a
     * Hugging Face Hub id {@code org/name[@revision]} (see {@link ModelReference}).
     */
    public static LanguageModel load(String reference) throws IOException {
        return load(ModelReference.parse(reference).resolve());
    }

    /** The model embedded in Rein's jar: a small story-telling Llama that needs no download ({@link DefaultModel}). */
    public static LanguageModel loadDefault() {
        return DefaultModel.load();
    }

    /**
     * Loads a Hugging Face model folder (config.json, the safetensors weights, single or sharded, tokenizer.json
     * and generation_config.json when present) or a llama2.c checkpoint file ({@code .bin}; its tokenizer is a
     * separate file, so the model comes without one).
     *
     * @throws FormatException naming the file and field when a file is missing or malformed
     * @throws IOException     when a file cannot be read
     */
    public static LanguageModel load(Path folder) throws IOException {
        return load(folder, spec -> false);
    }

    /**
     * Loads a model as {@link #load(Path)} does, to train the weights {@code trainable} selects: those become F32
     * parameters, the others stay frozen constants (see {@link WeightLoader#loadTrainable}).
     */
    public static LanguageModel load(Path folder, Predicate<ParameterSpec> trainable) throws IOException {
        if (Llama2cCheckpoint.isLlama2cFile(folder)) {
            Llama2cCheckpoint checkpoint = Llama2cCheckpoint.open(folder);
            Transformer transformer = new Transformer(checkpoint.config(),
                    WeightLoader.loadTrainable(checkpoint.config(), checkpoint, trainable));
            return new LanguageModel(transformer, null, GenerationConfig.EMPTY, checkpoint::close);
        }
        if (!Files.isDirectory(folder)) {
            throw new FormatException(folder, null, Files.exists(folder)
                    ? "expected a model folder holding config.json and model.safetensors, or a llama2.c .bin file"
                    : "no such file or folder");
        }
        ModelConfig config = ModelConfig.readFolder(folder);
        Checkpoint checkpoint = Checkpoint.open(folder);
        try {
            Transformer transformer = new Transformer(config, WeightLoader.loadTrainable(config, checkpoint, trainable));
            Tokenizer tokenizer = Files.isRegularFile(folder.resolve(Tokenizer.FILE_NAME)) ? Tokenizer.load(folder) : null;
            return new LanguageModel(transformer, tokenizer, GenerationConfig.readIfPresent(folder), checkpoint::close);
        } catch (RuntimeException | IOException e) {
            checkpoint.close();
            throw e;
        }
    }

    public Transformer transformer() {
        return transformer;
    }

    public ModelConfig config() {
        return transformer.config();
    }

    /** The tokenizer, absent for a folder without tokenizer.json (then only token ids can be given). */
    public Optional<Tokenizer> tokenizer() {
        return Optional.ofNullable(tokenizer);
    }

    public GenerationConfig generationConfig() {
        return generationConfig;
    }

    @Override
    public void close() {
        releaseWeights.run();
    }
}
