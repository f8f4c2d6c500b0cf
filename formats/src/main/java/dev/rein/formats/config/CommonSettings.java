package dev.rein.formats.config;

import dev.rein.formats.json.JsonFields;
import java.util.Optional;

/** Reads the settings whose handling every family shares, only their key or default differing. */
final class CommonSettings {
    private CommonSettings() {
    }

    /**
     * The activation named by {@code field}, or {@code fallback} when absent.
     *
     * @throws dev.rein.formats.FormatException naming the field when Rein does not implement the activation
     */
    static Activation activation(JsonFields config, String field, String fallback) {
        String name = config.string(field, fallback);
        return Activation.ofHfName(name).orElseThrow(() -> config.error(field, "unsupported activation \"" + name
                + "\"; supported: " + String.join(", ", Activation.supportedHfNames())));
    }

    /**
     * The saved dtype: {@code dtype} (transformers 5), else {@code torch_dtype}, looked up in each of
     * {@code sources} in turn (the outer config before Gemma 3's text_config).
     */
    static Optional<String> dtype(JsonFields... sources) {
        for (JsonFields source : sources) {
            for (String field : new String[] {"dtype", "torch_dtype"}) {
                Optional<String> name = source.optionalString(field);
                if (name.isPresent()) return name;
            }
        }
        return Optional.empty();
    }
}
