package dev.rein.formats.gguf;

import java.util.Locale;

/**
 * What a GGUF file Rein writes stores its weight matrices as ({@code rein quantize --type}), with llama.cpp's
 * {@code general.file_type} code. Vectors (norms, biases) stay F32, as llama.cpp keeps them. A matrix whose rows
 * do not fill the type's blocks falls back: Q4_K to Q4_0 when rows are a multiple of 32 (llama.cpp falls back to a
 * 32-element type too), and any block type to F16 otherwise (as llama.cpp's converter does).
 */
public enum GgufQuantType {
    F32(GgufTensorType.F32, 0),
    F16(GgufTensorType.F16, 1),
    BF16(GgufTensorType.BF16, 32),
    Q8_0(GgufTensorType.Q8_0, 7),
    Q4_0(GgufTensorType.Q4_0, 2),
    /** llama.cpp's Q4_K_S file type: every matrix Q4_K. */
    Q4_K(GgufTensorType.Q4_K, 14);

    private final GgufTensorType matrixType;
    private final int fileType;

    GgufQuantType(GgufTensorType matrixType, int fileType) {
        this.matrixType = matrixType;
        this.fileType = fileType;
    }

    /** The type a matrix with rows of {@code rowLength} elements is stored in. */
    public GgufTensorType matrixType(int rowLength) {
        if (rowLength % matrixType.blockElements() == 0) return matrixType;
        if (matrixType == GgufTensorType.Q4_K && rowLength % GgufTensorType.Q4_0.blockElements() == 0) {
            return GgufTensorType.Q4_0;
        }
        return GgufTensorType.F16;
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
