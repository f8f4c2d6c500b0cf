package dev.rein.formats.gguf;

import dev.rein.formats.FormatException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SequencedMap;

/**
 * The key-value metadata of a GGUF file, in file order, with typed getters whose errors name the file and the key
 * (e.g. {@code model.gguf: llama.block_count: expected an integer, found STRING "five"}).
 */
public final class GgufMetadata {
    private final Path file;
    private final SequencedMap<String, GgufValue> values;

    public GgufMetadata(Path file, Map<String, GgufValue> values) {
        this.file = file;
        this.values = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(values));
    }

    /** Every key and value, in file order. */
    public SequencedMap<String, GgufValue> values() {
        return values;
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    public Optional<GgufValue> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A required string. */
    public String string(String key) {
        return optionalString(key).orElseThrow(() -> missing(key, "a string"));
    }

    public Optional<String> optionalString(String key) {
        return get(key).map(value -> {
            if (value.type() != GgufValueType.STRING) throw wrongType(key, "a string", value);
            return (String) value.value();
        });
    }

    /** A required integer of any width. */
    public long integer(String key) {
        return optionalInteger(key).orElseThrow(() -> missing(key, "an integer"));
    }

    public OptionalLong optionalInteger(String key) {
        GgufValue value = values.get(key);
        if (value == null) return OptionalLong.empty();
        if (!value.type().isInteger()) throw wrongType(key, "an integer", value);
        return OptionalLong.of((Long) value.value());
    }

    /** A number stored as an integer or a float. */
    public OptionalDouble optionalNumber(String key) {
        GgufValue value = values.get(key);
        if (value == null) return OptionalDouble.empty();
        if (value.value() instanceof Long integer) return OptionalDouble.of(integer);
        if (value.value() instanceof Double number) return OptionalDouble.of(number);
        throw wrongType(key, "a number", value);
    }

    public Optional<Boolean> optionalBool(String key) {
        return get(key).map(value -> {
            if (value.type() != GgufValueType.BOOL) throw wrongType(key, "a bool", value);
            return (Boolean) value.value();
        });
    }

    /** An array of strings, when present. */
    public Optional<List<String>> optionalStrings(String key) {
        return array(key, GgufValueType.STRING, "an array of strings").map(list -> list.stream()
                .map(String.class::cast).toList());
    }

    /** An array of integers of any width, when present. */
    public Optional<long[]> optionalIntegers(String key) {
        return get(key).map(value -> {
            if (value.type() != GgufValueType.ARRAY || !value.elementType().isInteger()) {
                throw wrongType(key, "an array of integers", value);
            }
            return value.elements().stream().mapToLong(Long.class::cast).toArray();
        });
    }

    /** An array of floats (FLOAT32 or FLOAT64), when present. */
    public Optional<double[]> optionalFloats(String key) {
        return get(key).map(value -> {
            if (value.type() != GgufValueType.ARRAY || (value.elementType() != GgufValueType.FLOAT32
                    && value.elementType() != GgufValueType.FLOAT64)) {
                throw wrongType(key, "an array of floats", value);
            }
            return value.elements().stream().mapToDouble(Double.class::cast).toArray();
        });
    }

    private Optional<List<?>> array(String key, GgufValueType elementType, String expected) {
        return get(key).map(value -> {
            if (value.type() != GgufValueType.ARRAY || value.elementType() != elementType) {
                throw wrongType(key, expected, value);
            }
            return value.elements();
        });
    }

    /** An error about {@code key} of this file. */
    public FormatException error(String key, String problem) {
        return new FormatException(file, key, problem);
    }

    private FormatException missing(String key, String expected) {
        return error(key, "missing: expected " + expected);
    }

    private FormatException wrongType(String key, String expected, GgufValue found) {
        return error(key, "expected " + expected + ", found " + found.describe());
    }
}
