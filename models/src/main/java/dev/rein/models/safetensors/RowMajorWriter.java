package dev.rein.models.safetensors;

import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Streams bytes and tensor elements to a channel through one 1 MiB buffer. Tensors of any layout are written in
 * logical row-major order, byte for byte as they are stored (no conversion, so NaN payloads survive), without
 * making a contiguous copy first.
 */
final class RowMajorWriter {
    private final WritableByteChannel out;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private final MemorySegment bufferSegment = MemorySegment.ofBuffer(buffer);

    RowMajorWriter(WritableByteChannel out) {
        this.out = out;
    }

    void write(byte[] bytes) throws IOException {
        copy(MemorySegment.ofArray(bytes), 0, bytes.length);
    }

    void write(Tensor tensor) throws IOException {
        long numel = tensor.numel();
        if (numel == 0) {
            return;
        }
        long elementSize = tensor.dtype().byteSize();
        MemorySegment storage = tensor.storage().segment();
        if (tensor.isContiguous()) {
            copy(storage, tensor.offset() * elementSize, numel * elementSize);
            return;
        }
        // Not contiguous, so rank >= 1: walk the rows (all dims but the last) like an odometer.
        int[] shape = tensor.shape();
        long[] strides = tensor.strides();
        int last = shape.length - 1;
        int[] index = new int[last];
        for (long row = 0, rows = numel / shape[last]; row < rows; row++) {
            long start = tensor.offset();
            for (int d = 0; d < last; d++) {
                start += index[d] * strides[d];
            }
            if (strides[last] == 1) {
                copy(storage, start * elementSize, shape[last] * elementSize);
            } else {
                for (int i = 0; i < shape[last]; i++) {
                    copy(storage, (start + i * strides[last]) * elementSize, elementSize);
                }
            }
            for (int d = last - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                index[d] = 0;
            }
        }
    }

    /** Writes out whatever the buffer holds. */
    void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }

    private void copy(MemorySegment source, long offset, long length) throws IOException {
        while (length > 0) {
            int chunk = (int) Math.min(length, buffer.remaining());
            MemorySegment.copy(source, offset, bufferSegment, buffer.position(), chunk);
            buffer.position(buffer.position() + chunk);
            offset += chunk;
            length -= chunk;
            if (!buffer.hasRemaining()) {
                flush();
            }
        }
    }
}
