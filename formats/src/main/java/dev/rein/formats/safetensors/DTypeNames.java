package dev.rein.formats.safetensors;

import dev.rein.tensor.DType;
import java.util.List;

/** The safetensors spelling of the dtypes Rein holds, and the order Hugging Face's writer lays them out in. */
final class DTypeNames {
    /**
     * Rein's dtypes in the order of the safetensors library's {@code Dtype} enum, largest first: its writer sorts
     * tensors this way (then by name) so that every tensor starts at a multiple of its element size.
     */
    static final List<DType> LAYOUT_ORDER = List.of(DType.I64, DType.F32, DType.I32, DType.BF16, DType.F16, DType.BOOL);

    private DTypeNames() {
    }

    /**
     * The dtype a safetensors dtype string names, or null when Rein does not hold that dtype in safetensors (the
     * block-quantised types are GGUF's, not safetensors').
     */
    static DType parse(String name) {
        for (DType dtype : LAYOUT_ORDER) {
            if (dtype.name().equals(name)) { // Rein's enum constants are spelled as in safetensors
                return dtype;
            }
        }
        return null;
    }

    static String name(DType dtype) {
        return dtype.name();
    }
}
