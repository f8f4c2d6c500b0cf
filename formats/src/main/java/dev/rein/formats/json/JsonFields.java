package dev.rein.formats.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.formats.FormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Typed reads of one JSON object of a file, failing with a {@link FormatException} that names the file, the
 * field's JSON path from the top of the file (e.g. {@code text_config.num_attention_heads} or
 * {@code decoder.decoders[1].type}) and what was expected, e.g. {@code expected an integer, found "abc"}.
 *
 * <p>Getters with a fallback or an Optional treat an explicit {@code null} like an absent field; the others
 * require the field. {@link #optionalInteger}, {@link #optionalNumber} and {@link #tokenIds} tell absent and
 * null apart, because Hugging Face does: an absent {@code final_logit_softcapping} takes the family's default,
 * an explicit null switches softcapping off.
 *
 * <p>A number must be finite ({@code 1e999} reads as infinity); the reads that take a {@link NumberDomain}, and
 * {@link #positiveInteger} and {@link #count}, also refuse a value given outside its domain, in the same shape
 * ({@code rms_norm_eps: expected a positive number, found -1.0E-5}). Fallbacks are not checked.
 */
public final class JsonFields {
    private static final int SHOWN_VALUE_CHARS = 60;

    private final Path file;
    private final String path;
    private final JsonNode object;

    private JsonFields(Path file, String path, JsonNode object) {
        this.file = file;
        this.path = path;
        this.object = object;
    }

    /**
     * The fields of {@code node}, which must be a JSON object.
     *
     * @param file the file it was read from, for messages (may be null)
     * @param path its JSON path from the top of the file; empty for the top level
     */
    public static JsonFields of(Path file, String path, JsonNode node) {
        if (node == null || !node.isObject()) {
            String expected = path.isEmpty() ? "a JSON object at the top level" : "an object";
            throw new FormatException(file, path.isEmpty() ? null : path,
                    "expected " + expected + ", found " + describe(node));
        }
        return new JsonFields(file, path, node);
    }

    /** A JSON value as messages show it: its text, cut after 60 characters; {@code nothing} for none. */
    public static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) return "nothing";
        String json = value.toString();
        return json.length() <= SHOWN_VALUE_CHARS ? json : json.substring(0, SHOWN_VALUE_CHARS) + "...";
    }

    /** The whole JSON object, for callers that keep it. */
    public JsonNode node() {
        return object;
    }

    /** The field's raw value, or null when it is absent or null: for fields that take several types. */
    public JsonNode value(String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : value;
    }

    /** Whether the field is present, possibly as null. */
    public boolean containsKey(String name) {
        return object.has(name);
    }

    /** Whether the field is present and not null. */
    public boolean has(String name) {
        return object.hasNonNull(name);
    }

    /** The names of the fields, in file order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(object.size());
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A nested object that must be present. */
    public JsonFields object(String name) {
        return optionalObject(name).orElseThrow(() -> missing(name));
    }

    /** A nested object, or empty when the field is absent or null. */
    public Optional<JsonFields> optionalObject(String name) {
        if (!has(name)) return Optional.empty();
        return Optional.of(of(file, pathOf(name), object.get(name)));
    }

    /** A list of objects that must be present. */
    public List<JsonFields> objects(String name) {
        JsonNode list = list(name, "a list of objects");
        List<JsonFields> objects = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            objects.add(of(file, pathOf(name) + "[" + i + "]", list.get(i)));
        }
        return objects;
    }

    public String string(String name) {
        return optionalString(name).orElseThrow(() -> missing(name));
    }

    public String string(String name, String fallback) {
        return optionalString(name).orElse(fallback);
    }

    public Optional<String> optionalString(String name) {
        if (!has(name)) return Optional.empty();
        JsonNode value = object.get(name);
        if (!value.isTextual()) throw wrongType(name, "a string");
        return Optional.of(value.textValue());
    }

    /** A string of exactly one character (one code point, which may be two chars). */
    public String character(String name) {
        String value = string(name);
        if (value.codePointCount(0, value.length()) != 1) {
            throw wrongType(name, "a single character");
        }
        return value;
    }

    public int integer(String name) {
        return optionalInteger(name, OptionalInt.empty()).orElseThrow(() -> missing(name));
    }

    public int integer(String name, int fallback) {
        return optionalInteger(name, OptionalInt.empty()).orElse(fallback);
    }

    /** The integer, {@code whenAbsent} when the field is absent, or empty when it is null. */
    public OptionalInt optionalInteger(String name, OptionalInt whenAbsent) {
        if (!containsKey(name)) return whenAbsent;
        JsonNode value = object.get(name);
        if (value.isNull()) return OptionalInt.empty();
        if (!isInt(value)) throw wrongType(name, "an integer");
        return OptionalInt.of(value.intValue());
    }

    /** An integer that must be present and at least 1. */
    public int positiveInteger(String name) {
        return requirePositive(name, integer(name));
    }

    /** An integer of at least 1, or {@code fallback} when absent or null. */
    public int positiveInteger(String name, int fallback) {
        return has(name) ? positiveInteger(name) : fallback;
    }

    /** Like {@link #optionalInteger}, and a value given must be at least 1. */
    public OptionalInt optionalPositiveInteger(String name, OptionalInt whenAbsent) {
        OptionalInt value = optionalInteger(name, whenAbsent);
        if (containsKey(name) && value.isPresent()) requirePositive(name, value.getAsInt());
        return value;
    }

    /** An integer that must be present and at least 0. */
    public int count(String name) {
        if (!has(name)) throw missing(name);
        return asCount(pathOf(name), object.get(name));
    }

    /** An integer of at least 0, or {@code fallback} when absent or null. */
    public int count(String name, int fallback) {
        return has(name) ? count(name) : fallback;
    }

    /** Like {@link #optionalInteger}, and a value given must be at least 0. */
    public OptionalInt optionalCount(String name, OptionalInt whenAbsent) {
        if (!has(name)) return optionalInteger(name, whenAbsent);
        return OptionalInt.of(count(name));
    }

    /** A list of integers of at least 0 that must be present. */
    public int[] counts(String name) {
        JsonNode list = list(name, "a list of non-negative integers");
        int[] counts = new int[list.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = asCount(pathOf(name) + "[" + i + "]", list.get(i));
        }
        return counts;
    }

    public double number(String name) {
        return optionalNumber(name, OptionalDouble.empty()).orElseThrow(() -> missing(name));
    }

    public double number(String name, double fallback) {
        return optionalNumber(name, OptionalDouble.empty()).orElse(fallback);
    }

    /** The number, {@code whenAbsent} when the field is absent, or empty when it is null. */
    public OptionalDouble optionalNumber(String name, OptionalDouble whenAbsent) {
        if (!containsKey(name)) return whenAbsent;
        JsonNode value = object.get(name);
        if (value.isNull()) return OptionalDouble.empty();
        if (!value.isNumber()) throw wrongType(name, "a number");
        if (!Double.isFinite(value.doubleValue())) throw wrongType(name, "a finite number");
        return OptionalDouble.of(value.doubleValue());
    }

    /** A number in {@code domain} that must be present. */
    public double number(String name, NumberDomain domain) {
        return optionalNumber(name, OptionalDouble.empty(), domain).orElseThrow(() -> missing(name));
    }

    /** A number in {@code domain}, or {@code fallback} when absent or null. */
    public double number(String name, double fallback, NumberDomain domain) {
        return optionalNumber(name, OptionalDouble.empty(), domain).orElse(fallback);
    }

    /** Like {@link #optionalNumber(String, OptionalDouble)}, and a value given must lie in {@code domain}. */
    public OptionalDouble optionalNumber(String name, OptionalDouble whenAbsent, NumberDomain domain) {
        OptionalDouble value = optionalNumber(name, whenAbsent);
        if (containsKey(name) && value.isPresent() && !domain.contains().test(value.getAsDouble())) {
            throw wrongType(name, domain.description());
        }
        return value;
    }

    public boolean bool(String name, boolean fallback) {
        return optionalBool(name).orElse(fallback);
    }

    public Optional<Boolean> optionalBool(String name) {
        if (!has(name)) return Optional.empty();
        JsonNode value = object.get(name);
        if (!value.isBoolean()) throw wrongType(name, "true or false");
        return Optional.of(value.booleanValue());
    }

    /** A list of strings, or empty when the field is absent or null. */
    public Optional<List<String>> optionalStringList(String name) {
        if (!has(name)) return Optional.empty();
        JsonNode list = list(name, "a list of strings");
        List<String> strings = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode element = list.get(i);
            if (!element.isTextual()) throw mismatch(pathOf(name) + "[" + i + "]", "a string", element);
            strings.add(element.textValue());
        }
        return Optional.of(List.copyOf(strings));
    }

    /**
     * Token ids as Hugging Face writes them: one integer, a list of integers, or null (none). An absent field
     * gives {@code whenAbsent}.
     */
    public List<Integer> tokenIds(String name, List<Integer> whenAbsent) {
        if (!containsKey(name)) return whenAbsent;
        JsonNode value = object.get(name);
        if (value.isNull()) return List.of();
        String expected = "a token id (an integer >= 0), a list of them or null";
        if (!value.isArray()) return List.of(asCount(pathOf(name), value, expected));
        List<Integer> ids = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            ids.add(asCount(pathOf(name) + "[" + i + "]", value.get(i), expected));
        }
        return List.copyOf(ids);
    }

    /** A {@link FormatException} about field {@code name} of this object. */
    public FormatException error(String name, String problem) {
        return new FormatException(file, pathOf(name), problem);
    }

    /** A {@link FormatException} about field {@code name} of this object, caused by {@code cause}. */
    public FormatException error(String name, String problem, Throwable cause) {
        return new FormatException(file, pathOf(name), problem, cause);
    }

    /** A {@link FormatException} about this object as a whole. */
    public FormatException error(String problem) {
        return new FormatException(file, path.isEmpty() ? null : path, problem);
    }

    /** A {@link FormatException} saying that field {@code name} should hold {@code expected} and what it holds. */
    public FormatException wrongType(String name, String expected) {
        return mismatch(pathOf(name), expected, object.get(name));
    }

    /** The JSON path of field {@code name} of this object. */
    private String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private JsonNode list(String name, String expected) {
        if (!has(name)) throw missing(name);
        JsonNode value = object.get(name);
        if (!value.isArray()) throw wrongType(name, expected);
        return value;
    }

    private FormatException missing(String name) {
        return error(name, "missing (required)");
    }

    private int requirePositive(String name, int value) {
        if (value < 1) throw error(name, "expected a positive integer, found " + value);
        return value;
    }

    private int asCount(String field, JsonNode value) {
        return asCount(field, value, "a non-negative integer");
    }

    private int asCount(String field, JsonNode value, String expected) {
        if (!isInt(value) || value.intValue() < 0) throw mismatch(field, expected, value);
        return value.intValue();
    }

    private static boolean isInt(JsonNode value) {
        return value.isIntegralNumber() && value.canConvertToInt();
    }

    private FormatException mismatch(String field, String expected, JsonNode found) {
        return new FormatException(file, field, "expected " + expected + ", found " + describe(found));
    }
}
