package dev.rein.formats.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes literal JSON into a temporary checkpoint folder, so tests can read it back like a real config. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /** Writes {@code json} as {@code dir/name} and returns the file. */
    static Path write(Path dir, String name, String json) {
        try {
            return Files.writeString(dir.resolve(name), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code json} as {@code dir/config.json} and reads it. */
    static ModelConfig readConfig(Path dir, String json) throws IOException {
        return ModelConfig.read(write(dir, ModelConfig.FILE_NAME, json));
    }
}
