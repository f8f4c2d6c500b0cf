package dev.rein.models.init;

import dev.rein.models.safetensors.StreamedTensor;
import dev.rein.tensor.DType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** A tensor whose elements all hold one value (a bias's 0, a norm's 1), produced in pieces of at most 64 Ki elements. */
final class ConstantTensor implements StreamedTensor {
    private static final int PIECE = 1 << 16;

    private final float value;
    private final DType dtype;
    private final int[] shape;

    ConstantTensor(float value, DType dtype, int[] shape) {
        FloatElements.check(dtype);
        this.value = value;
        this.dtype = dtype;
        this.shape = shape.clone();
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
        int pieceElements = (int) Math.min(PIECE, bytes / dtype.byteSize());
        float[] values = new float[pieceElements];
        Arrays.fill(values, value);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment piece = arena.allocate((long) pieceElements * dtype.byteSize());
            FloatElements.store(values, pieceElements, dtype, piece, 0);
            for (long done = 0; done < bytes; done += piece.byteSize()) {
                out.write(piece.asSlice(0, Math.min(piece.byteSize(), bytes - done)));
            }
        }
    }
}
