package dev.rein.spark;

import dev.rein.models.LanguageModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models this JVM has loaded, one per resolved path, shared by every task that runs here: an executor maps a
 * model's weights once and keeps them for its lifetime (a model is read-only while generating, so concurrent tasks
 * share it).
 */
public final class ExecutorModels {
    private static final Map<Path, LanguageModel> LOADED = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /** The model {@code model} names, loaded on first use in this JVM. */
    public static LanguageModel get(ModelRef model) throws IOException {
        Path path = model.resolve().toAbsolutePath().normalize();
        try {
            return LOADED.computeIfAbsent(path, p -> {
                try {
                    return LanguageModel.load(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
