package dev.rein.formats.gguf;

import dev.rein.formats.layout.ParameterRole;
import java.util.Locale;

/**
 * What a GGUF file Rein writes stores its weight matrices as ({@code rein quantize --type}), with llama.cpp's
 * {@code general.file_type} code. Vectors (norms, biases) stay F32, as llama.cpp keeps them. The 4-bit types give
 * some matrices more bits as llama.cpp's {@code llama-quantize} does ({@code llama_tensor_get_type}): the output
 * head (the token embedding when tied) is Q6_K in q4_0, q4_k and q4_k_m files, and q4_k_m (llama.cpp's Q4_K_M) also
 * stores the value projection and the MLP's down projection of the layers {@code use_more_bits} picks (the first
 * and last eighth, and every third between) as Q6_K. A matrix whose rows do not fill the type's blocks falls back:
 * Q6_K to Q8_0 and Q4_K to Q4_0 when rows are a multiple of 32 (llama.cpp falls back to Q8_0 and Q5_0), and any block
 * type to F16 otherwise (as llama.cpp does).
 */
public enum GgufQuantType {
    F32(GgufTensorType.F32, 0),
    F16(GgufTensorType.F16, 1),
    BF16(GgufTensorType.BF16, 32),
    Q8_0(GgufTensorType.Q8_0, 7),
    Q4_0(GgufTensorType.Q4_0, 2),
    /** llama.cpp's Q4_K_S file type: every matrix Q4_K but the output head (llama.cpp gives Q4_K_S a few Q5_K). */
    Q4_K(GgufTensorType.Q4_K, 14),
    /** llama.cpp's Q4_K_M: Q4_K, with Q6_K for the output head and half the value and down projections. */
    Q4_K_M(GgufTensorType.Q4_K, 15);

    private final GgufTensorType matrixType;
    private final int fileType;

    GgufQuantType(GgufTensorType matrixType, int fileType) {
        this.matrixType = matrixType;
        this.fileType = fileType;
    }

    /**
     * The type a matrix with rows of {@code rowLength} elements is stored in: {@code role} in layer {@code layer} of
     * {@code layers} ({@code outputHead} for the LM head, or the token embedding when the two are tied).
     */
    public GgufTensorType matrixType(ParameterRole role, int layer, int layers, boolean outputHead, int rowLength) {
        return fitted(moreBits(role, layer, layers, outputHead) ? GgufTensorType.Q6_K : matrixType, rowLength);
    }

    private boolean moreBits(ParameterRole role, int layer, int layers, boolean outputHead) {
        boolean fourBit = matrixType == GgufTensorType.Q4_0 || matrixType == GgufTensorType.Q4_K;
        if (outputHead) return fourBit;
        if (this != Q4_K_M || (role != ParameterRole.VALUE && role != ParameterRole.DOWN)) return false;
        return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;   // use_more_bits
    }

    private static GgufTensorType fitted(GgufTensorType type, int rowLength) {
        if (rowLength % type.blockElements() == 0) return type;
        GgufTensorType smaller = switch (type) {
            case Q6_K -> GgufTensorType.Q8_0;
            case Q4_K -> GgufTensorType.Q4_0;
            default -> GgufTensorType.F16;
        };
        return rowLength % smaller.blockElements() == 0 ? smaller : GgufTensorType.F16;
    }

    /** llama.cpp's {@code general.file_type}. */
    int fileType() {
        return fileType;
    }

    /** Whether the matrices are quantised to blocks (then {@code general.quantization_version} is written). */
    boolean isQuantized() {
        return matrixType.blockElements() > 1;
    }

    /** The spelling the command line uses: {@code q8_0}, {@code bf16}, ... */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
