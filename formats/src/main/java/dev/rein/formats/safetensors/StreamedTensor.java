package dev.rein.formats.safetensors;

import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A tensor given to the writers as a dtype, a shape and a way to produce its bytes once the writer reaches it,
 * piece by piece: a checkpoint larger than memory (such as {@code rein init}'s random weights for a billion
 * parameters) is written without ever holding more than a piece. {@link #of} adapts a tensor held in memory.
 */
public interface StreamedTensor {
    DType dtype();

    int[] shape();

    /**
     * Passes the tensor's bytes to {@code out} in order: the elements in row-major order, each little-endian as
     * safetensors stores it, {@link #byteSize} bytes in all, in pieces of any size.
     */
    void writeTo(ByteSink out) throws IOException;

    /** Bytes the elements take in a file. */
    default long byteSize() {
        return Arrays.stream(shape()).asLongStream().reduce(dtype().byteSize(), Math::multiplyExact);
    }

    /** Takes a tensor's bytes in order, piece by piece; the piece may be reused by the caller once this returns. */
    @FunctionalInterface
    interface ByteSink {
        void write(MemorySegment bytes) throws IOException;
    }

    /** A tensor in memory, written in logical row-major order whatever its strides, byte for byte as stored. */
    static StreamedTensor of(Tensor tensor) {
        return new InMemoryTensor(tensor);
    }
}
