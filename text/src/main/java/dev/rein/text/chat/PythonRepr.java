package dev.rein.text.chat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;

/**
 * Python's {@code str()} and {@code repr()} of template values, which is how Jinja2 prints a value and what
 * {@code ~} and {@code |string} make of it: {@code True}, {@code None}, {@code 1.0}, and lists and dicts as
 * {@code [{'role': 'user', 'content': 'Hi'}]} with strings quoted and escaped as Python does. Jinjava would
 * print {@code true}, nothing, and its own rendering of collections.
 */
final class PythonRepr {
    private PythonRepr() {
    }

    /** {@code str(value)}; {@code null} (undefined) is the empty string, as Jinja2 prints an undefined value. */
    static String str(Object value) {
        return switch (value) {
            case null -> "";
            case CharSequence s -> s.toString();
            case Character c -> c.toString();
            default -> repr(value);
        };
    }

    /** {@code repr(value)}: strings quoted, containers with the repr of their items. */
    static String repr(Object value) {
        StringBuilder out = new StringBuilder();
        appendRepr(value, out);
        return out.toString();
    }

    private static void appendRepr(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("None");
            case PythonNone none -> out.append("None");
            case Boolean b -> out.append(b ? "True" : "False");
            case Double d -> out.append(floatRepr(d));
            case Float f -> out.append(floatRepr(f.doubleValue()));
            case BigDecimal d -> out.append(floatRepr(d.doubleValue()));
            case Number n -> out.append(n);
            case CharSequence s -> quote(s.toString(), out);
            case Character c -> quote(c.toString(), out);
            case Map<?, ?> map -> {
                out.append('{');
                String separator = "";
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(separator);
                    appendRepr(entry.getKey(), out);
                    out.append(": ");
                    appendRepr(entry.getValue(), out);
                    separator = ", ";
                }
                out.append('}');
            }
            case Object[] array -> appendRepr(Arrays.asList(array), out);
            case Iterable<?> items -> {
                out.append('[');
                String separator = "";
                for (Object item : items) {
                    out.append(separator);
                    appendRepr(item, out);
                    separator = ", ";
                }
                out.append(']');
            }
            default -> out.append(value);
        }
    }

    /**
     * Python's {@code repr} of a float: {@code 1.0}, {@code 0.30000000000000004}, {@code 1e-07}, {@code 1e+16},
     * {@code inf}, {@code nan}.
     */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        // Java's Double.toString and Python's repr both print the shortest digits that read back the same value;
        // they differ only in when they switch to an exponent (Python: below 1e-4 or from 1e16 on) and its spelling.
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = shortest.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = d < 0 ? "-" : "";
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    /**
     * A string literal as Python's repr writes it: in single quotes unless the text holds a single quote and no
     * double quote; backslash, the quote, {@code \t \n \r} escaped; other non-printable characters as
     * {@code \xhh}, <code>&#92;uhhhh</code> or {@code \Uhhhhhhhh}.
     */
    private static void quote(String s, StringBuilder out) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(quote);
                    } else if (c >= 0x20 && c < 0x7f || c > 0x7f && isPrintable(c)) {
                        out.appendCodePoint(c);
                    } else if (c <= 0xff) {
                        out.append(String.format("\\x%02x", c));
                    } else if (c <= 0xffff) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append(String.format("\\U%08x", c));
                    }
                }
            }
        });
        out.append(quote);
    }

    /** Python's {@code str.isprintable()} for one non-ASCII code point. */
    private static boolean isPrintable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
