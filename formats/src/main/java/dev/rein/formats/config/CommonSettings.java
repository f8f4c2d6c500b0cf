package dev.rein.formats.config;

import dev.rein.formats.json.JsonFields;
import java.util.List;
import java.util.Optional;

/** Reads the settings whose handling every family shares, only their key or default differing. */
final class CommonSettings {
    /** Where a config names the dtype its weights were saved in, newest key first. */
    private static final List<String> DTYPE_FIELDS = List.of("dtype", "torch_dtype");
    /**
     * The names transformers writes ({@code str(torch.dtype)} without {@code torch.}): the floating-point types a
     * checkpoint is saved in, the integer types of quantized ones, and {@code auto}.
     */
    static final List<String> DTYPE_NAMES = List.of("float32", "bfloat16", "float16", "float64", "float8_e4m3fn",
            "float8_e5m2", "int8", "uint8", "int16", "int32", "int64", "auto");

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
     *
     * @throws dev.rein.formats.FormatException naming the field when it holds no dtype name torch knows
     */
    static Optional<String> dtype(JsonFields... sources) {
        Optional<String> found = Optional.empty();
        for (JsonFields source : sources) {
            for (String field : DTYPE_FIELDS) {
                Optional<String> name = source.optionalString(field);
                if (name.isPresent() && !DTYPE_NAMES.contains(name.get())) {
                    throw source.error(field, "expected a dtype name (" + String.join(", ", DTYPE_NAMES)
                            + "), found \"" + name.get() + "\"");
                }
                if (found.isEmpty()) found = name;
            }
        }
        return found;
    }
}
