package dev.rein.spark;

import dev.rein.models.LanguageModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The models this JVM has loaded, one per resolved path, shared by every task that runs here: an executor maps a
 * model's weights once and keeps them for its lifetime (a model is read-only while generating, so concurrent tasks
 * share it).
 */
public final class ExecutorModels {
    private static final JvmCache<Path, LanguageModel> LOADED = new JvmCache<>(LanguageModel::load);

    private ExecutorModels() {
    }

    /** The model {@code model} names, loaded on first use in this JVM. */
    public static LanguageModel get(ModelRef model) throws IOException {
        return LOADED.get(model.resolve().toAbsolutePath().normalize());
    }
}
