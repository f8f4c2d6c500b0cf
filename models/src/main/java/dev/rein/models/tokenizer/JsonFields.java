package dev.rein.models.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.models.FormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to the fields of a JSON object read from a tokenizer file. Every missing or mistyped field
 * becomes a {@link FormatException} naming the file and the JSON path, so that component parsers never leak
 * a Jackson exception or a NullPointerException.
 */
record JsonFields(Path file) {

    /** The object at {@code path}, or a FormatException when the node is not an object. */
    JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw problem(path, "expected a JSON object, found " + describe(node));
        }
        return node;
    }

    /** The elements of the array at {@code path}. */
    List<JsonNode> array(JsonNode node, String path) {
        if (node == null || !node.isArray()) {
            throw problem(path, "expected a JSON array, found " + describe(node));
        }
        List<JsonNode> elements = new ArrayList<>(node.size());
        node.forEach(elements::add);
        return elements;
    }

    /** The required string field {@code name} of {@code parent}. */
    String string(JsonNode parent, String path, String name) {
        JsonNode value = parent.get(name);
        if (value == null || !value.isTextual()) {
            throw problem(child(path, name), "expected a string, found " + describe(value));
        }
        return value.textValue();
    }

    /** The string field {@code name}, or {@code fallback} when it is absent or null. */
    String optionalString(JsonNode parent, String path, String name, String fallback) {
        JsonNode value = parent.get(name);
        return value == null || value.isNull() ? fallback : string(parent, path, name);
    }

    /** The boolean field {@code name}, or {@code fallback} when it is absent or null. */
    boolean optionalBoolean(JsonNode parent, String path, String name, boolean fallback) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) return fallback;
        if (!value.isBoolean()) {
            throw problem(child(path, name), "expected true or false, found " + describe(value));
        }
        return value.booleanValue();
    }

    /** The non-negative integer field {@code name}, or {@code fallback} when it is absent or null. */
    int optionalCount(JsonNode parent, String path, String name, int fallback) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) return fallback;
        return count(value, child(path, name));
    }

    /** The required non-negative integer field {@code name}. */
    int count(JsonNode parent, String path, String name) {
        return count(parent.get(name), child(path, name));
    }

    /** The node as a non-negative int. */
    int count(JsonNode value, String path) {
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
            throw problem(path, "expected a non-negative integer, found " + describe(value));
        }
        return value.intValue();
    }

    /** The single character held by the string field {@code name} (one code point, which may be two chars). */
    String character(JsonNode parent, String path, String name) {
        String value = string(parent, path, name);
        if (value.codePointCount(0, value.length()) != 1) {
            throw problem(child(path, name), "expected a single character, found \"" + value + "\"");
        }
        return value;
    }

    /** The JSON path of field {@code name} of the object at {@code path} (an empty path is the top level). */
    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** A FormatException for this file at {@code path}. */
    FormatException problem(String path, String what) {
        return new FormatException(file, path == null || path.isEmpty() ? null : path, what);
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) return "nothing";
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
