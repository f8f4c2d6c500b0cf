package dev.rein.formats.gguf;

import dev.rein.tensor.Shapes;

/**
 * What a GGUF file says about one tensor: its name, type, dims and where its bytes lie. GGUF lists dims innermost
 * first ({@code ne[0]} is the length of a row); {@link #shape()} gives them outermost first, as Rein and PyTorch do,
 * so a matrix {@code ne = [in, out]} is a tensor [out, in]. Instances come only from validated files.
 *
 * @param name   the tensor's name in llama.cpp's naming, e.g. {@code blk.0.attn_q.weight}
 * @param type   its ggml type
 * @param shape  dims, outermost first
 * @param offset first byte, relative to the start of the file's data section
 */
public record GgufTensorInfo(String name, GgufTensorType type, int[] shape, long offset) {
    public GgufTensorInfo {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public long numel() {
        return Shapes.numel(shape);
    }

    /** Bytes of the tensor's data. */
    public long byteSize() {
        return type.byteSize(numel());
    }

    /** Length of one row (the innermost dim, GGUF's {@code ne[0]}). */
    public int rowLength() {
        return shape[shape.length - 1];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GgufTensorInfo info && info.name.equals(name) && info.type == type
                && java.util.Arrays.equals(info.shape, shape) && info.offset == offset;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + ": " + type + " " + Shapes.str(shape) + " at " + offset;
    }
}
