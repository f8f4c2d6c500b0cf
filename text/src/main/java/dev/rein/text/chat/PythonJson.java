package dev.rein.text.chat;

import java.util.Arrays;
import java.util.Map;

/**
 * The text of Python's {@code json.dumps(value, ensure_ascii=False, indent=indent)}, which is what Hugging Face's
 * {@code tojson} filter produces (it replaces Jinja2's HTML-escaping one): keys in insertion order, separators
 * {@code ", "} and {@code ": "} (or {@code ","} at line ends when indenting), non-ASCII characters as they are.
 * Values are what templates hold: null, booleans, numbers, strings, maps, lists and arrays.
 */
final class PythonJson {
    private PythonJson() {
    }

    /** {@code indent == null} writes one line; otherwise nested values go on new lines indented by that many spaces. */
    static String dumps(Object value, Integer indent) {
        StringBuilder out = new StringBuilder();
        write(value, indent, 0, out);
        return out.toString();
    }

    private static void write(Object value, Integer indent, int depth, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case PythonNone none -> out.append("null");
            case Boolean b -> out.append(b ? "true" : "false");
            case Double d -> out.append(pythonFloat(d));
            case Float f -> out.append(pythonFloat(f.doubleValue()));
            case Number n -> out.append(n);
            case CharSequence s -> quote(s.toString(), out);
            case Map<?, ?> map -> {
                out.append('{');
                String separator = "";
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(separator);
                    newLine(indent, depth + 1, out);
                    quote(String.valueOf(entry.getKey()), out);
                    out.append(": ");
                    write(entry.getValue(), indent, depth + 1, out);
                    separator = itemSeparator(indent);
                }
                if (!map.isEmpty()) {
                    newLine(indent, depth, out);
                }
                out.append('}');
            }
            case Object[] array -> write(Arrays.asList(array), indent, depth, out);
            case Iterable<?> items -> {
                out.append('[');
                String separator = "";
                boolean empty = true;
                for (Object item : items) {
                    out.append(separator);
                    newLine(indent, depth + 1, out);
                    write(item, indent, depth + 1, out);
                    separator = itemSeparator(indent);
                    empty = false;
                }
                if (!empty) {
                    newLine(indent, depth, out);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException(
                    "Object of type " + value.getClass().getSimpleName() + " is not JSON serializable");
        }
    }

    private static String itemSeparator(Integer indent) {
        return indent == null ? ", " : ",";
    }

    private static void newLine(Integer indent, int depth, StringBuilder out) {
        if (indent != null) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
    }

    /** A float as JSON writes it: Python's repr for finite values, {@code NaN} and {@code Infinity} otherwise. */
    private static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return PythonRepr.floatRepr(d);
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
