package dev.rein.formats.gguf;

import java.util.Arrays;
import java.util.List;

/**
 * The tensor types of ggml ({@code enum ggml_type}) as GGUF files store them: each type's code, how many elements
 * one block holds and how many bytes it takes. Every type is listed so that a file is validated (tensor sizes) and a
 * type Rein does not decode is refused by its name; {@link #isReadable()} says which ones {@link Dequantization}
 * decodes.
 */
public enum GgufTensorType {
    F32(0, 1, 4, true),
    F16(1, 1, 2, true),
    Q4_0(2, 32, 18, true),
    Q4_1(3, 32, 20, false),
    Q5_0(6, 32, 22, false),
    Q5_1(7, 32, 24, false),
    Q8_0(8, 32, 34, true),
    Q8_1(9, 32, 36, false),
    Q2_K(10, 256, 84, false),
    Q3_K(11, 256, 110, false),
    Q4_K(12, 256, 144, true),
    Q5_K(13, 256, 176, false),
    Q6_K(14, 256, 210, true),
    Q8_K(15, 256, 292, false),
    IQ2_XXS(16, 256, 66, false),
    IQ2_XS(17, 256, 74, false),
    IQ3_XXS(18, 256, 98, false),
    IQ1_S(19, 256, 50, false),
    IQ4_NL(20, 32, 18, false),
    IQ3_S(21, 256, 110, false),
    IQ2_S(22, 256, 82, false),
    IQ4_XS(23, 256, 136, false),
    I8(24, 1, 1, false),
    I16(25, 1, 2, false),
    I32(26, 1, 4, false),
    I64(27, 1, 8, false),
    F64(28, 1, 8, false),
    IQ1_M(29, 256, 56, false),
    BF16(30, 1, 2, true),
    TQ1_0(34, 256, 54, false),
    TQ2_0(35, 256, 66, false),
    MXFP4(39, 32, 17, false);

    private final int code;
    private final int blockElements;
    private final int blockBytes;
    private final boolean readable;

    GgufTensorType(int code, int blockElements, int blockBytes, boolean readable) {
        this.code = code;
        this.blockElements = blockElements;
        this.blockBytes = blockBytes;
        this.readable = readable;
    }

    /** The code ggml gives the type in a file. */
    public int code() {
        return code;
    }

    /** Elements per block (1 for the plain number types); a row's length must be a multiple of it. */
    public int blockElements() {
        return blockElements;
    }

    /** Bytes per block. */
    public int blockBytes() {
        return blockBytes;
    }

    /** Whether Rein decodes tensors of this type. */
    public boolean isReadable() {
        return readable;
    }

    /** The types Rein decodes, for messages. */
    public static List<GgufTensorType> readable() {
        return Arrays.stream(values()).filter(GgufTensorType::isReadable).toList();
    }

    /** The type of code {@code code}, or null when ggml defines none. */
    public static GgufTensorType ofCode(long code) {
        for (GgufTensorType type : values()) {
            if (type.code == code) return type;
        }
        return null;
    }

    /** Bytes of {@code elements} elements, which must be a multiple of {@link #blockElements()}. */
    public long byteSize(long elements) {
        return Math.multiplyExact(elements / blockElements, blockBytes);
    }
}
