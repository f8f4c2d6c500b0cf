package dev.rein.formats.gguf;

import java.util.List;
import java.util.Objects;

/**
 * One metadata value of a GGUF file: its type and its Java value — {@code Long} for every integer type,
 * {@code Double} for FLOAT32/FLOAT64 (a FLOAT32 read from a file as the shortest decimal that rounds to it),
 * {@code Boolean}, {@code String}, or for an ARRAY an unmodifiable list of such values, all of {@code elementType}.
 *
 * @param type        the stored type
 * @param elementType the type of the elements of an ARRAY, null otherwise
 * @param value       the value as described above
 */
public record GgufValue(GgufValueType type, GgufValueType elementType, Object value) {
    public GgufValue {
        Objects.requireNonNull(type);
        Objects.requireNonNull(value);
        if ((type == GgufValueType.ARRAY) != (elementType != null)) {
            throw new IllegalArgumentException("an element type is given exactly for arrays, found " + type + " of "
                    + elementType);
        }
        if (value instanceof List<?> list) value = List.copyOf(list);
    }

    public static GgufValue ofString(String text) {
        return new GgufValue(GgufValueType.STRING, null, text);
    }

    public static GgufValue ofUint32(long number) {
        return new GgufValue(GgufValueType.UINT32, null, number);
    }

    public static GgufValue ofFloat32(double number) {
        return new GgufValue(GgufValueType.FLOAT32, null, number);
    }

    public static GgufValue ofBool(boolean flag) {
        return new GgufValue(GgufValueType.BOOL, null, flag);
    }

    /** An array of {@code elementType} holding {@code values} (Long, Double, Boolean or String as above). */
    public static GgufValue ofArray(GgufValueType elementType, List<?> values) {
        return new GgufValue(GgufValueType.ARRAY, elementType, values);
    }

    /** The elements of an ARRAY. */
    public List<?> elements() {
        return (List<?>) value;
    }

    /** A short description for error messages, e.g. {@code UINT32 7} or {@code ARRAY of 512 STRING}. */
    public String describe() {
        if (type == GgufValueType.ARRAY) return "ARRAY of " + elements().size() + " " + elementType;
        String text = value instanceof String s ? "\"" + GgufHeader.printable(s) + "\"" : value.toString();
        return type + " " + text;
    }
}
