package dev.rein.tensor;

/** Stride arithmetic for views that share storage. */
final class Views {
    private Views() {
    }

    /**
     * Strides that make {@code newShape} a view of a tensor with {@code shape} and {@code strides}, or null when
     * the memory layout forbids it (PyTorch's rule: each group of old dims that merges into new dims must be
     * contiguous within itself).
     */
    static long[] reshapeStrides(int[] shape, long[] strides, int[] newShape) {
        long numel = Shapes.numel(shape);
        long[] out = new long[newShape.length];
        if (numel == 0) {
            return Shapes.contiguousStrides(newShape);
        }
        int viewD = newShape.length - 1;
        long chunkBase = strides.length == 0 ? 1 : strides[strides.length - 1];
        long tensorNumel = 1;
        long viewNumel = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            tensorNumel *= shape[d];
            boolean endOfChunk = d == 0 || (shape[d - 1] != 1 && strides[d - 1] != tensorNumel * chunkBase);
            if (endOfChunk) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    out[viewD] = viewNumel * chunkBase;
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (d > 0) {
                    chunkBase = strides[d - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        if (viewD != -1) {
            // remaining leading size-1 dims
            while (viewD >= 0) {
                if (newShape[viewD] != 1) {
                    return null;
                }
                out[viewD] = 1;
                viewD--;
            }
        }
        return out;
    }
}
