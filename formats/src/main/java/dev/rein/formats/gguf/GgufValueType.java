package dev.rein.formats.gguf;

/**
 * The type codes of GGUF metadata values (the spec's {@code gguf_metadata_value_type}), with the size of each
 * fixed-width one. Integers of every width are read as {@code long}, floats as {@code double}.
 */
public enum GgufValueType {
    UINT8(1), INT8(1), UINT16(2), INT16(2), UINT32(4), INT32(4), FLOAT32(4), BOOL(1), STRING(-1), ARRAY(-1),
    UINT64(8), INT64(8), FLOAT64(8);

    private final int byteSize;

    GgufValueType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes of one value, or -1 for a string or array (their size is read from the file). */
    public int byteSize() {
        return byteSize;
    }

    /** Whether values of this type are integers. */
    public boolean isInteger() {
        return switch (this) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> true;
            default -> false;
        };
    }

    /** The type of code {@code code}, or null when GGUF defines none. */
    static GgufValueType ofCode(long code) {
        return code >= 0 && code < values().length ? values()[(int) code] : null;
    }

    int code() {
        return ordinal();
    }
}
