package dev.rein.formats.safetensors;

import dev.rein.tensor.DType;
import dev.rein.tensor.Shapes;

/**
 * What a safetensors header says about one tensor: its name, dtype, shape and the byte range {@code [begin, end)}
 * of its elements, relative to the start of its file's data area. Instances come only from validated headers, so
 * {@code end - begin} always equals {@link #numel()} times the dtype's size.
 */
public final class TensorInfo {
    private final String name;
    private final DType dtype;
    private final int[] shape;
    private final long begin;
    private final long end;

    TensorInfo(String name, DType dtype, int[] shape, long begin, long end) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.begin = begin;
        this.end = end;
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    /** The dims, outermost first; empty for a scalar. */
    public int[] shape() {
        return shape.clone();
    }

    /** First byte of the tensor's elements, relative to the start of the data area. */
    public long begin() {
        return begin;
    }

    /** One past the last byte of the tensor's elements, relative to the start of the data area. */
    public long end() {
        return end;
    }

    public long byteSize() {
        return end - begin;
    }

    public long numel() {
        return Shapes.numel(shape);
    }

    @Override
    public String toString() {
        return name + ": " + dtype + " " + Shapes.str(shape) + " at [" + begin + ", " + end + ")";
    }
}
