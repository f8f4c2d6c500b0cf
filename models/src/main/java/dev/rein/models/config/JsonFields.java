package dev.rein.models.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.rein.models.FormatException;

/**
 * Typed reads of one JSON object of a config file, failing with a {@link FormatException} that names the file, the
 * field's JSON path (e.g. {@code text_config.num_attention_heads}) and what was expected.
 *
 * <p>Most getters treat an explicit {@code null} like an absent field. {@link #optionalInteger},
 * {@link #optionalNumber} and {@link #tokenIds} tell them apart, because Hugging Face does: an absent
 * {@code final_logit_softcapping} takes the family's default, an explicit null switches softcapping off.
 */
final class JsonFields {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int SHOWN_VALUE_CHARS = 60;

    private final Path file;
    private final String pathPrefix;
    private final JsonNode object;

    private JsonFields(Path file, String pathPrefix, JsonNode object) {
        this.file = file;
        this.pathPrefix = pathPrefix;
        this.object = object;
    }

    /**
     * Parses a JSON file whose top level must be an object.
     *
     * @throws FormatException when the text is not JSON (with Jackson's line and column) or not an object
     */
    static JsonFields readFile(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new FormatException(file, null, "not valid JSON" + describe(e.getLocation()) + ": "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new FormatException(file, null, "expected a JSON object at the top level, found "
                    + (root == null || root.isMissingNode() ? "nothing" : show(root)));
        }
        return new JsonFields(file, "", root);
    }

    /** The whole JSON object, for fields no getter covers. */
    JsonNode tree() {
        return object;
    }

    /** Whether the field is present, possibly as null. */
    boolean containsKey(String name) {
        return object.has(name);
    }

    /** Whether the field is present and not null. */
    boolean has(String name) {
        return object.hasNonNull(name);
    }

    /** A nested object that must be present. */
    JsonFields object(String name) {
        return optionalObject(name).orElseThrow(() -> missing(name));
    }

    /** A nested object, or empty when the field is absent or null. */
    Optional<JsonFields> optionalObject(String name) {
        if (!has(name)) return Optional.empty();
        JsonNode value = object.get(name);
        if (!value.isObject()) throw wrongType(name, "an object", value);
        return Optional.of(new JsonFields(file, path(name) + ".", value));
    }

    String string(String name) {
        return optionalString(name).orElseThrow(() -> missing(name));
    }

    String string(String name, String fallback) {
        return optionalString(name).orElse(fallback);
    }

    Optional<String> optionalString(String name) {
        if (!has(name)) return Optional.empty();
        JsonNode value = object.get(name);
        if (!value.isTextual()) throw wrongType(name, "a string", value);
        return Optional.of(value.textValue());
    }

    int integer(String name) {
        return optionalInteger(name, OptionalInt.empty()).orElseThrow(() -> missing(name));
    }

    int integer(String name, int fallback) {
        return optionalInteger(name, OptionalInt.empty()).orElse(fallback);
    }

    /** The integer, {@code whenAbsent} when the field is absent, or empty when it is null. */
    OptionalInt optionalInteger(String name, OptionalInt whenAbsent) {
        if (!containsKey(name)) return whenAbsent;
        JsonNode value = object.get(name);
        if (value.isNull()) return OptionalInt.empty();
        return OptionalInt.of(asInteger(name, value));
    }

    /** An integer that must be present and at least 1. */
    int positiveInteger(String name) {
        return requirePositive(name, integer(name));
    }

    /** An integer of at least 1, or {@code fallback} when absent or null. */
    int positiveInteger(String name, int fallback) {
        return has(name) ? positiveInteger(name) : fallback;
    }

    /** Like {@link #optionalInteger}, and a value given must be at least 1. */
    OptionalInt optionalPositiveInteger(String name, OptionalInt whenAbsent) {
        OptionalInt value = optionalInteger(name, whenAbsent);
        if (containsKey(name) && value.isPresent()) requirePositive(name, value.getAsInt());
        return value;
    }

    double number(String name) {
        return optionalNumber(name, OptionalDouble.empty()).orElseThrow(() -> missing(name));
    }

    double number(String name, double fallback) {
        return optionalNumber(name, OptionalDouble.empty()).orElse(fallback);
    }

    /** The number, {@code whenAbsent} when the field is absent, or empty when it is null. */
    OptionalDouble optionalNumber(String name, OptionalDouble whenAbsent) {
        if (!containsKey(name)) return whenAbsent;
        JsonNode value = object.get(name);
        if (value.isNull()) return OptionalDouble.empty();
        if (!value.isNumber()) throw wrongType(name, "a number", value);
        return OptionalDouble.of(value.doubleValue());
    }

    boolean bool(String name, boolean fallback) {
        return optionalBool(name).orElse(fallback);
    }

    Optional<Boolean> optionalBool(String name) {
        if (!has(name)) return Optional.empty();
        JsonNode value = object.get(name);
        if (!value.isBoolean()) throw wrongType(name, "true or false", value);
        return Optional.of(value.booleanValue());
    }

    /** A list of strings, or empty when the field is absent or null. */
    Optional<List<String>> optionalStringList(String name) {
        if (!has(name)) return Optional.empty();
        JsonNode value = object.get(name);
        if (!value.isArray()) throw wrongType(name, "a list of strings", value);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isTextual()) throw wrongType(name + "[" + i + "]", "a string", element);
            strings.add(element.textValue());
        }
        return Optional.of(List.copyOf(strings));
    }

    /**
     * Token ids as Hugging Face writes them: one integer, a list of integers, or null (none). An absent field
     * gives {@code whenAbsent}.
     */
    List<Integer> tokenIds(String name, List<Integer> whenAbsent) {
        if (!containsKey(name)) return whenAbsent;
        JsonNode value = object.get(name);
        if (value.isNull()) return List.of();
        if (!value.isArray()) return List.of(asTokenId(name, value));
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            ids.add(asTokenId(name + "[" + i + "]", value.get(i)));
        }
        return List.copyOf(ids);
    }

    /** A {@link FormatException} about one field of this object. */
    FormatException error(String name, String problem) {
        return new FormatException(file, path(name), problem);
    }

    /** The field's JSON path from the top of the file. */
    private String path(String name) {
        return pathPrefix + name;
    }

    private FormatException missing(String name) {
        return error(name, "missing (required)");
    }

    private int requirePositive(String name, int value) {
        if (value < 1) throw error(name, "expected a positive integer, found " + value);
        return value;
    }

    private int asInteger(String name, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) throw wrongType(name, "an integer", value);
        return value.intValue();
    }

    private int asTokenId(String name, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw wrongType(name, "a token id (an integer >= 0), a list of them or null", value);
        }
        return value.intValue();
    }

    private FormatException wrongType(String name, String expected, JsonNode found) {
        return error(name, "expected " + expected + ", found " + show(found));
    }

    private static String show(JsonNode value) {
        String json = value.toString();
        return json.length() <= SHOWN_VALUE_CHARS ? json : json.substring(0, SHOWN_VALUE_CHARS) + "...";
    }

    private static String describe(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) return "";
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
