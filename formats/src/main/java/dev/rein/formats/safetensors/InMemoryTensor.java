package dev.rein.formats.safetensors;

import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * {@link StreamedTensor#of}: a tensor's elements in logical row-major order, byte for byte as stored (no
 * conversion, so NaN payloads survive), without making a contiguous copy of a strided view first.
 */
record InMemoryTensor(Tensor tensor) implements StreamedTensor {
    @Override
    public DType dtype() {
        return tensor.dtype();
    }

    @Override
    public int[] shape() {
        return tensor.shape();
    }

    @Override
    public void writeTo(ByteSink out) throws IOException {
        long numel = tensor.numel();
        if (numel == 0) {
            return;
        }
        long elementSize = tensor.dtype().byteSize();
        MemorySegment storage = tensor.storage().segment();
        if (tensor.isContiguous()) {
            out.write(storage.asSlice(tensor.offset() * elementSize, numel * elementSize));
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
                out.write(storage.asSlice(start * elementSize, shape[last] * elementSize));
            } else {
                for (int i = 0; i < shape[last]; i++) {
                    out.write(storage.asSlice((start + i * strides[last]) * elementSize, elementSize));
                }
            }
            for (int d = last - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                index[d] = 0;
            }
        }
    }
}
