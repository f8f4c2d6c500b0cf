package dev.rein.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of one JSON object in a request, read strictly: a field the endpoint does not know is refused, a value
 * of the wrong type is refused naming its path and the type expected, and JSON null counts as absent (clients send
 * it for "not given"). Public so that the lab's API ({@code dev.rein.lab}) reads its requests the same way.
 */
public final class JsonFields {
    private final JsonNode node;
    private final String path;

    /** @param path how the object is named in messages: "" for the body, else e.g. {@code rein} or {@code messages[0]} */
    public JsonFields(JsonNode node, String path, Set<String> known) {
        if (node == null || !node.isObject()) {
            throw ApiError.invalid(path.isEmpty() ? null : path, (path.isEmpty() ? "the request body" : path)
                    + " must be a JSON object");
        }
        this.node = node;
        this.path = path;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiError.invalid(name(name), "unknown field '" + name(name) + "'; this endpoint takes "
                        + String.join(", ", new TreeSet<>(known)), "unknown_field");
            }
        }
    }

    /** The field's path as messages name it, e.g. {@code rein.cie}. */
    public String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    public Optional<JsonNode> get(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    public JsonNode require(String field) {
        return get(field).orElseThrow(() -> ApiError.invalid(name(field), "'" + name(field) + "' is required"));
    }

    public OptionalInt integer(String field) {
        Optional<JsonNode> value = get(field);
        if (value.isEmpty()) return OptionalInt.empty();
        if (!value.get().canConvertToInt() || !value.get().isIntegralNumber()) {
            throw wrongType(field, "an integer");
        }
        return OptionalInt.of(value.get().intValue());
    }

    public OptionalDouble number(String field) {
        Optional<JsonNode> value = get(field);
        if (value.isEmpty()) return OptionalDouble.empty();
        if (!value.get().isNumber()) throw wrongType(field, "a number");
        return OptionalDouble.of(value.get().doubleValue());
    }

    public Optional<String> text(String field) {
        Optional<JsonNode> value = get(field);
        if (value.isPresent() && !value.get().isTextual()) throw wrongType(field, "a string");
        return value.map(JsonNode::textValue);
    }

    public boolean flag(String field) {
        Optional<JsonNode> value = get(field);
        if (value.isPresent() && !value.get().isBoolean()) throw wrongType(field, "true or false");
        return value.map(JsonNode::booleanValue).orElse(false);
    }

    public ApiError wrongType(String field, String expected) {
        return ApiError.invalid(name(field), "'" + name(field) + "' must be " + expected + ", got "
                + node.get(field));
    }
}
