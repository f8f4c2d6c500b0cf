package dev.rein.formats.gguf;

import dev.rein.tensor.DType;
import dev.rein.tensor.FloatFormats;
import dev.rein.tensor.QuantizedBlocks;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Decodes a GGUF tensor type to float32: the block formats Q8_0, Q4_0, Q4_K and Q6_K bit for bit as ggml's
 * {@code dequantize_row_*} functions do ({@link QuantizedBlocks} holds the definitions, shared with the tensor
 * library, whose {@link DType}s of the same names keep such weights quantised in memory); F32, F16 and BF16 are
 * widened element by element.
 */
public final class Dequantization {
    static final int QK = 32;
    static final int QK_K = 256;
    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Dequantization() {
    }

    /**
     * Decodes {@code out.length} elements of {@code type} stored in {@code data} from its first byte;
     * {@code out.length} must be a multiple of the type's block size and {@code data} must hold the blocks.
     *
     * @throws IllegalArgumentException for a type Rein does not decode
     */
    public static void decode(GgufTensorType type, MemorySegment data, float[] out) {
        DType blockType = blockType(type);
        if (blockType != null) {
            QuantizedBlocks.decode(blockType, data, 0, out.length / type.blockElements(), out, 0);
            return;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (type) {
                case F32 -> data.getAtIndex(F32, i);
                case F16 -> FloatFormats.f16ToFloat(data.getAtIndex(F16, i));
                case BF16 -> FloatFormats.bf16ToFloat(data.getAtIndex(F16, i));
                default -> throw new IllegalArgumentException(type + " is not decoded; Rein decodes "
                        + GgufTensorType.readable());
            };
        }
    }

    /** The tensor library's block type for a GGUF block type, or null for any other type. */
    static DType blockType(GgufTensorType type) {
        return switch (type) {
            case Q8_0 -> DType.Q8_0;
            case Q4_0 -> DType.Q4_0;
            case Q4_K -> DType.Q4_K;
            case Q6_K -> DType.Q6_K;
            default -> null;
        };
    }
}
