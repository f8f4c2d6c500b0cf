package dev.rein.formats.init;

import dev.rein.formats.safetensors.StreamedTensor;
import dev.rein.tensor.DType;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * A tensor whose elements all hold one value (a bias's 0, a norm's 1), handed on in pieces the size of a scratch
 * segment it shares with the other tensors of its checkpoint (the writer takes tensors one after the other).
 */
final class ConstantTensor implements StreamedTensor {
    private final float value;
    private final DType dtype;
    private final int[] shape;
    private final MemorySegment scratch;

    ConstantTensor(float value, DType dtype, int[] shape, MemorySegment scratch) {
        FloatElements.check(dtype);
        this.value = value;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.scratch = scratch;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public void writeTo(ByteSink out) throws IOException {
        long bytes = byteSize();
        long pieceElements = Math.min(bytes, scratch.byteSize()) / dtype.byteSize();
        for (long i = 0; i < pieceElements; i++) {
            FloatElements.set(scratch, dtype, i, value);
        }
        MemorySegment piece = scratch.asSlice(0, pieceElements * dtype.byteSize());
        for (long done = 0; done < bytes; done += piece.byteSize()) {
            out.write(piece.asSlice(0, Math.min(piece.byteSize(), bytes - done)));
        }
    }
}
