package dev.rein.models;

import dev.rein.formats.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The default model embedded in Rein's jar: a small LLaMA-architecture model trained from scratch by
 * {@code rein train lm} on the procedural story corpus ({@code dev.rein.data.stories}), with that corpus's
 * tokenizer. It lets every command and example run with no download; {@code RECIPE.md} beside it holds the exact
 * commands that reproduce it.
 */
public final class DefaultModel {
    private static final String RESOURCE_FOLDER = "/dev/rein/models/default-model/";
    /** The files of the embedded Hugging Face folder. */
    public static final List<String> FILES = List.of("config.json", "generation_config.json", "model.safetensors",
            "tokenizer.json", "tokenizer_config.json", "RECIPE.md");

    private DefaultModel() {
    }

    private static Path unpacked;

    /** Loads the embedded model. */
    public static LanguageModel load() {
        try {
            return LanguageModel.load(unpacked());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the embedded default model", e);
        }
    }

    /**
     * The embedded model's folder: unpacked once per JVM into a temporary folder that is removed when the JVM
     * exits.
     */
    public static synchronized Path unpacked() throws IOException {
        if (unpacked == null) {
            Path folder = Files.createTempDirectory("rein-default-model");
            folder.toFile().deleteOnExit();
            for (String file : FILES) {
                folder.resolve(file).toFile().deleteOnExit();
            }
            unpacked = copyTo(folder);
        }
        return unpacked;
    }

    /** Writes the embedded model's files into {@code folder} (created if needed; each file atomically) and returns it. */
    public static Path copyTo(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String file : FILES) {
            try (InputStream in = DefaultModel.class.getResourceAsStream(RESOURCE_FOLDER + file)) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks the embedded model file " + RESOURCE_FOLDER + file);
                }
                AtomicFiles.write(folder.resolve(file), in.readAllBytes());
            }
        }
        return folder;
    }
}
