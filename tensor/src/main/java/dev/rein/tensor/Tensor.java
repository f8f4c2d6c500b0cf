package dev.rein.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * An n-dimensional array: a {@link Storage}, a {@link DType}, a shape, strides and an offset (both counted in
 * elements). Views (reshape, permute, narrow, expand, squeeze, ...) share the storage and copy nothing; a
 * tensor whose strides are not row-major is copied only when an op needs contiguous memory
 * ({@link #contiguous()}). Metadata is immutable; element values can be written through the accessors.
 *
 * <p>Arithmetic lives in the op classes ({@link Elementwise}, {@link Reductions}, {@link LinearAlgebra},
 * {@link NeuralOps}, {@link Indexing}); the instance methods here are a fluent front for them.
 */
public final class Tensor {
    private final Storage storage;
    private final DType dtype;
    private final int[] shape;
    private final long[] strides;
    private final long offset;

    /** A view of {@code storage}; the caller guarantees that every addressed element lies inside it. */
    public Tensor(Storage storage, DType dtype, int[] shape, long[] strides, long offset) {
        if (shape.length != strides.length) {
            throw new ShapeException("tensor: shape " + Shapes.str(shape) + " and strides "
                    + Arrays.toString(strides) + " differ in rank");
        }
        for (int s : shape) {
            if (s < 0) {
                throw new ShapeException("tensor: negative size in shape " + Shapes.str(shape));
            }
        }
        this.storage = storage;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.strides = strides.clone();
        this.offset = offset;
    }

    // ---------------------------------------------------------------- creation

    /** A new contiguous tensor of zeros. */
    public static Tensor zeros(DType dtype, int... shape) {
        long n = Shapes.numel(shape);
        return new Tensor(Storage.allocate(dtype.bytesFor(n)), dtype, shape, Shapes.contiguousStrides(shape), 0);
    }

    /** A new contiguous F32 tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return zeros(DType.F32, shape);
    }

    /**
     * F32 zeros of {@code like}'s shape laid out in {@code like}'s memory order: its dims ordered by decreasing
     * stride form a contiguous tensor, viewed in {@code like}'s dim order. A gradient made like this maps back
     * through the views its operand came from (a transpose of a row-major tensor, a reshape) without a copy.
     */
    public static Tensor zerosInLayoutOf(Tensor like) {
        int rank = like.rank();
        Integer[] byStride = new Integer[rank];
        for (int d = 0; d < rank; d++) {
            byStride[d] = d;
        }
        Arrays.sort(byStride, (a, b) -> Long.compare(like.strides[b], like.strides[a])); // stable: ties keep order
        int[] memoryShape = new int[rank];
        int[] back = new int[rank];
        for (int i = 0; i < rank; i++) {
            memoryShape[i] = like.shape[byStride[i]];
            back[byStride[i]] = i;
        }
        return zeros(DType.F32, memoryShape).permute(back);
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(DType.F32, shape);
        if (Float.floatToRawIntBits(value) != 0) { // zeros() already holds +0.0; -0.0 must still be written
            MemorySegment seg = t.storage.segment();
            for (long i = 0, n = t.numel(); i < n; i++) {
                seg.setAtIndex(Elements.F32, i, value);
            }
        }
        return t;
    }

    /** F32 values {@code start, start+step, ...} below {@code end} (for {@code step > 0}). */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0f) {
            throw new ShapeException("arange: step must not be 0");
        }
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        Tensor t = zeros(DType.F32, n);
        for (int i = 0; i < n; i++) {
            t.storage.segment().setAtIndex(Elements.F32, i, start + i * step);
        }
        return t;
    }

    /** I64 values 0..n-1, as index tensors use. */
    public static Tensor arange(int n) {
        Tensor t = zeros(DType.I64, n);
        for (int i = 0; i < n; i++) {
            t.storage.segment().setAtIndex(Elements.I64, i, i);
        }
        return t;
    }

    /** An F32 tensor holding a copy of {@code data} (row-major) with the given shape. */
    public static Tensor of(float[] data, int... shape) {
        checkCount("of", data.length, shape);
        Tensor t = zeros(DType.F32, shape);
        MemorySegment.copy(data, 0, t.storage.segment(), Elements.F32, 0, data.length);
        return t;
    }

    /** A 1-D F32 tensor. */
    public static Tensor of(float... data) {
        return of(data, data.length);
    }

    /** An I32 tensor holding a copy of {@code data}. */
    public static Tensor ofInts(int[] data, int... shape) {
        checkCount("ofInts", data.length, shape);
        Tensor t = zeros(DType.I32, shape);
        MemorySegment.copy(data, 0, t.storage.segment(), Elements.I32, 0, data.length);
        return t;
    }

    /** An I64 tensor holding a copy of {@code data}. */
    public static Tensor ofLongs(long[] data, int... shape) {
        checkCount("ofLongs", data.length, shape);
        Tensor t = zeros(DType.I64, shape);
        MemorySegment.copy(data, 0, t.storage.segment(), Elements.I64, 0, data.length);
        return t;
    }

    /** A BOOL tensor holding a copy of {@code data}. */
    public static Tensor ofBools(boolean[] data, int... shape) {
        checkCount("ofBools", data.length, shape);
        Tensor t = zeros(DType.BOOL, shape);
        for (int i = 0; i < data.length; i++) {
            t.storage.segment().set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) (data[i] ? 1 : 0));
        }
        return t;
    }

    /** A 0-dimensional F32 tensor. */
    public static Tensor scalar(float value) {
        return of(new float[] {value}, new int[0]);
    }

    private static void checkCount(String op, int count, int[] shape) {
        if (count != Shapes.numel(shape)) {
            throw new ShapeException(op + ": " + count + " values do not fill shape " + Shapes.str(shape));
        }
    }

    // ---------------------------------------------------------------- metadata

    public Storage storage() {
        return storage;
    }

    public DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public long[] strides() {
        return strides.clone();
    }

    /** Offset of element [0,...,0] in the storage, in elements. */
    public long offset() {
        return offset;
    }

    public int rank() {
        return shape.length;
    }

    /** Size of dim {@code d}; negative dims count from the end. */
    public int size(int d) {
        return shape[Shapes.normalizeDim("size", d, shape.length)];
    }

    public long stride(int d) {
        return strides[Shapes.normalizeDim("stride", d, shape.length)];
    }

    public long numel() {
        return Shapes.numel(shape);
    }

    /** True when the elements are laid out row-major with no gaps (size-1 dims may have any stride). */
    public boolean isContiguous() {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    // ---------------------------------------------------------------- element access

    private long elementIndex(int... index) {
        if (index.length != shape.length) {
            throw new ShapeException("index: " + index.length + " indices for a tensor of shape " + Shapes.str(shape));
        }
        long at = offset;
        for (int d = 0; d < index.length; d++) {
            int i = index[d] < 0 ? index[d] + shape[d] : index[d];
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + index[d] + " is out of range for dim " + d
                        + " of shape " + Shapes.str(shape));
            }
            at += i * strides[d];
        }
        return at;
    }

    public float getFloat(int... index) {
        return Elements.readFloat(storage.segment(), dtype, elementIndex(index));
    }

    public long getLong(int... index) {
        return Elements.readLong(storage.segment(), dtype, elementIndex(index));
    }

    public void setFloat(float value, int... index) {
        Elements.writeFloat(storage.segment(), dtype, elementIndex(index), value);
    }

    public void setLong(long value, int... index) {
        Elements.writeLong(storage.segment(), dtype, elementIndex(index), value);
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (numel() != 1) {
            throw new ShapeException("item: tensor of shape " + Shapes.str(shape) + " has " + numel() + " elements");
        }
        return Elements.readFloat(storage.segment(), dtype, offset);
    }

    /** All elements, row-major, converted to float. */
    public float[] toFloatArray() {
        Tensor c = contiguous().to(DType.F32);
        float[] out = new float[Math.toIntExact(numel())];
        MemorySegment.copy(c.storage.segment(), Elements.F32, c.offset * 4, out, 0, out.length);
        return out;
    }

    /** All elements, row-major, converted to long. */
    public long[] toLongArray() {
        Tensor c = contiguous();
        long[] out = new long[Math.toIntExact(numel())];
        for (int i = 0; i < out.length; i++) {
            out[i] = Elements.readLong(c.storage.segment(), dtype, c.offset + i);
        }
        return out;
    }

    // ---------------------------------------------------------------- views (no copies)

    /** Same elements with a new shape; one dim may be -1. Copies only if the strides do not allow a view. */
    public Tensor reshape(int... newShape) {
        int[] resolved = resolveShape(newShape);
        long[] viewStrides = Views.reshapeStrides(shape, strides, resolved);
        if (viewStrides != null) {
            return new Tensor(storage, dtype, resolved, viewStrides, offset);
        }
        return contiguous().reshape(resolved);
    }

    /** Like {@link #reshape} but fails instead of copying. */
    public Tensor view(int... newShape) {
        int[] resolved = resolveShape(newShape);
        long[] viewStrides = Views.reshapeStrides(shape, strides, resolved);
        if (viewStrides == null) {
            throw new ShapeException("view: shape " + Shapes.str(shape) + " with strides " + Arrays.toString(strides)
                    + " cannot be viewed as " + Shapes.str(resolved) + " without a copy; use reshape");
        }
        return new Tensor(storage, dtype, resolved, viewStrides, offset);
    }

    private int[] resolveShape(int[] newShape) {
        int[] resolved = newShape.clone();
        int inferred = -1;
        long known = 1;
        for (int d = 0; d < resolved.length; d++) {
            if (resolved[d] == -1) {
                if (inferred >= 0) {
                    throw new ShapeException("reshape: more than one -1 in " + Shapes.str(newShape));
                }
                inferred = d;
            } else {
                known *= resolved[d];
            }
        }
        if (inferred >= 0) {
            if (known == 0 || numel() % known != 0) {
                throw new ShapeException("reshape: cannot reshape " + Shapes.str(shape) + " into " + Shapes.str(newShape));
            }
            resolved[inferred] = (int) (numel() / known);
        }
        if (Shapes.numel(resolved) != numel()) {
            throw new ShapeException("reshape: cannot reshape " + Shapes.str(shape) + " (" + numel()
                    + " elements) into " + Shapes.str(newShape));
        }
        return resolved;
    }

    /** Reorders dims: result dim i is this tensor's dim {@code order[i]}. */
    public Tensor permute(int... order) {
        if (order.length != shape.length) {
            throw new ShapeException("permute: order " + Arrays.toString(order) + " for shape " + Shapes.str(shape));
        }
        int[] newShape = new int[order.length];
        long[] newStrides = new long[order.length];
        boolean[] seen = new boolean[order.length];
        for (int i = 0; i < order.length; i++) {
            int d = Shapes.normalizeDim("permute", order[i], shape.length);
            if (seen[d]) {
                throw new ShapeException("permute: dim " + d + " repeated in " + Arrays.toString(order));
            }
            seen[d] = true;
            newShape[i] = shape[d];
            newStrides[i] = strides[d];
        }
        return new Tensor(storage, dtype, newShape, newStrides, offset);
    }

    /** Swaps two dims. */
    public Tensor transpose(int dim0, int dim1) {
        int a = Shapes.normalizeDim("transpose", dim0, shape.length);
        int b = Shapes.normalizeDim("transpose", dim1, shape.length);
        int[] order = new int[shape.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        order[a] = b;
        order[b] = a;
        return permute(order);
    }

    /** Transpose of the last two dims (the usual matrix transpose). */
    public Tensor mT() {
        return transpose(-2, -1);
    }

    /** Elements {@code start .. start+length-1} along {@code dim}. */
    public Tensor narrow(int dim, int start, int length) {
        int d = Shapes.normalizeDim("narrow", dim, shape.length);
        if (start < 0 || length < 0 || start + length > shape[d]) {
            throw new ShapeException("narrow: range [" + start + ", " + (start + length) + ") is outside dim " + d
                    + " of shape " + Shapes.str(shape));
        }
        int[] newShape = shape.clone();
        newShape[d] = length;
        return new Tensor(storage, dtype, newShape, strides, offset + start * strides[d]);
    }

    /** Python-style slice {@code start:end:step} along {@code dim} (step > 0; negative bounds count from the end). */
    public Tensor slice(int dim, int start, int end, int step) {
        int d = Shapes.normalizeDim("slice", dim, shape.length);
        if (step <= 0) {
            throw new ShapeException("slice: step must be positive, got " + step);
        }
        int n = shape[d];
        int s = Math.clamp(start < 0 ? start + n : start, 0, n);
        int e = Math.clamp(end < 0 ? end + n : end, s, n);
        int[] newShape = shape.clone();
        newShape[d] = (e - s + step - 1) / step;
        long[] newStrides = strides.clone();
        newStrides[d] = strides[d] * step;
        return new Tensor(storage, dtype, newShape, newStrides, offset + s * strides[d]);
    }

    /** The sub-tensor at {@code index} along {@code dim}; the dim is removed. */
    public Tensor select(int dim, int index) {
        int d = Shapes.normalizeDim("select", dim, shape.length);
        int i = index < 0 ? index + shape[d] : index;
        if (i < 0 || i >= shape[d]) {
            throw new ShapeException("select: index " + index + " is out of range for dim " + d + " of shape "
                    + Shapes.str(shape));
        }
        return narrow(d, i, 1).squeeze(d);
    }

    /** Broadcasts size-1 dims (and new leading dims) to {@code newShape} with stride 0; -1 keeps a size. */
    public Tensor expand(int... newShape) {
        if (newShape.length < shape.length) {
            throw new ShapeException("expand: cannot expand " + Shapes.str(shape) + " to fewer dims " + Shapes.str(newShape));
        }
        int lead = newShape.length - shape.length;
        int[] outShape = new int[newShape.length];
        long[] outStrides = new long[newShape.length];
        for (int i = 0; i < newShape.length; i++) {
            if (i < lead) {
                if (newShape[i] < 0) {
                    throw new ShapeException("expand: -1 not allowed for new leading dim in " + Shapes.str(newShape));
                }
                outShape[i] = newShape[i];
                outStrides[i] = 0;
                continue;
            }
            int own = shape[i - lead];
            int want = newShape[i] == -1 ? own : newShape[i];
            if (own == want) {
                outShape[i] = own;
                outStrides[i] = strides[i - lead];
            } else if (own == 1) {
                outShape[i] = want;
                outStrides[i] = 0;
            } else {
                throw new ShapeException("expand: cannot expand " + Shapes.str(shape) + " to " + Shapes.str(newShape));
            }
        }
        return new Tensor(storage, dtype, outShape, outStrides, offset);
    }

    /** Removes dim {@code dim}, which must have size 1. */
    public Tensor squeeze(int dim) {
        int d = Shapes.normalizeDim("squeeze", dim, shape.length);
        if (shape[d] != 1) {
            throw new ShapeException("squeeze: dim " + d + " of shape " + Shapes.str(shape) + " is not 1");
        }
        int[] newShape = new int[shape.length - 1];
        long[] newStrides = new long[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != d) {
                newShape[j] = shape[i];
                newStrides[j++] = strides[i];
            }
        }
        return new Tensor(storage, dtype, newShape, newStrides, offset);
    }

    /** Inserts a size-1 dim at position {@code dim} (0..rank; negative counts from the end of the new rank). */
    public Tensor unsqueeze(int dim) {
        int d = Shapes.normalizeDim("unsqueeze", dim, shape.length + 1);
        int[] newShape = new int[shape.length + 1];
        long[] newStrides = new long[shape.length + 1];
        for (int i = 0, j = 0; i < newShape.length; i++) {
            if (i == d) {
                newShape[i] = 1;
                newStrides[i] = d < shape.length ? strides[d] * shape[d] : 1;
            } else {
                newShape[i] = shape[j];
                newStrides[i] = strides[j++];
            }
        }
        return new Tensor(storage, dtype, newShape, newStrides, offset);
    }

    /** This tensor if already contiguous, otherwise a contiguous copy. */
    public Tensor contiguous() {
        if (isContiguous()) {
            return this;
        }
        return copy();
    }

    /** A contiguous copy with its own storage. */
    public Tensor copy() {
        Tensor out = zeros(dtype, shape);
        Backends.current().copy(this, out);
        return out;
    }

    /** This tensor converted to {@code target}; returns this tensor when the dtype already matches. */
    public Tensor to(DType target) {
        if (target == dtype) {
            return this;
        }
        Tensor out = zeros(target, shape);
        Backends.current().copy(this, out);
        return out;
    }

    /** Copies {@code source} (broadcast to this shape, any dtype) into this tensor's elements. */
    public Tensor copyFrom(Tensor source) {
        if (!Arrays.equals(Shapes.broadcast("copy_from", source.shape, shape), shape)) {
            throw new ShapeException("copy_from: source " + Shapes.str(source.shape) + " does not broadcast to "
                    + Shapes.str(shape));
        }
        Backends.current().copy(source.expand(shape), this);
        return this;
    }

    // ---------------------------------------------------------------- fluent op front

    public Tensor add(Tensor o) { return Elementwise.binary(BinaryOp.ADD, this, o); }
    public Tensor sub(Tensor o) { return Elementwise.binary(BinaryOp.SUB, this, o); }
    public Tensor mul(Tensor o) { return Elementwise.binary(BinaryOp.MUL, this, o); }
    public Tensor div(Tensor o) { return Elementwise.binary(BinaryOp.DIV, this, o); }
    public Tensor pow(Tensor o) { return Elementwise.binary(BinaryOp.POW, this, o); }
    public Tensor maximum(Tensor o) { return Elementwise.binary(BinaryOp.MAX, this, o); }
    public Tensor minimum(Tensor o) { return Elementwise.binary(BinaryOp.MIN, this, o); }
    public Tensor add(float s) { return Elementwise.binary(BinaryOp.ADD, this, scalar(s)); }
    public Tensor sub(float s) { return Elementwise.binary(BinaryOp.SUB, this, scalar(s)); }
    public Tensor mul(float s) { return Elementwise.binary(BinaryOp.MUL, this, scalar(s)); }
    public Tensor div(float s) { return Elementwise.binary(BinaryOp.DIV, this, scalar(s)); }
    public Tensor pow(float s) { return Elementwise.binary(BinaryOp.POW, this, scalar(s)); }

    public Tensor neg() { return Elementwise.unary(UnaryOp.NEG, this); }
    public Tensor exp() { return Elementwise.unary(UnaryOp.EXP, this); }
    public Tensor log() { return Elementwise.unary(UnaryOp.LOG, this); }
    public Tensor sqrt() { return Elementwise.unary(UnaryOp.SQRT, this); }
    public Tensor rsqrt() { return Elementwise.unary(UnaryOp.RSQRT, this); }
    public Tensor abs() { return Elementwise.unary(UnaryOp.ABS, this); }
    public Tensor tanh() { return Elementwise.unary(UnaryOp.TANH, this); }
    public Tensor sigmoid() { return Elementwise.unary(UnaryOp.SIGMOID, this); }
    public Tensor relu() { return Elementwise.unary(UnaryOp.RELU, this); }
    public Tensor gelu() { return Elementwise.unary(UnaryOp.GELU_ERF, this); }
    public Tensor geluTanh() { return Elementwise.unary(UnaryOp.GELU_TANH, this); }
    public Tensor silu() { return Elementwise.unary(UnaryOp.SILU, this); }
    public Tensor clamp(float min, float max) { return Elementwise.clamp(this, min, max); }

    /**
     * Reductions over {@code dim}: without a {@link ReducedDim} the dim is dropped, as PyTorch's default
     * {@code keepdim=False}; {@link ReducedDim#KEEP} keeps it with size 1.
     */
    public Tensor sum(int dim) { return sum(dim, ReducedDim.DROP); }
    public Tensor mean(int dim) { return mean(dim, ReducedDim.DROP); }
    public Tensor max(int dim) { return max(dim, ReducedDim.DROP); }
    public Tensor min(int dim) { return min(dim, ReducedDim.DROP); }
    public Tensor argmax(int dim) { return argmax(dim, ReducedDim.DROP); }
    public Tensor var(int dim, int correction) { return var(dim, ReducedDim.DROP, correction); }
    public Tensor sum(int dim, ReducedDim reduced) { return Reductions.reduce(ReduceOp.SUM, this, dim, reduced); }
    public Tensor mean(int dim, ReducedDim reduced) { return Reductions.reduce(ReduceOp.MEAN, this, dim, reduced); }
    public Tensor max(int dim, ReducedDim reduced) { return Reductions.reduce(ReduceOp.MAX, this, dim, reduced); }
    public Tensor min(int dim, ReducedDim reduced) { return Reductions.reduce(ReduceOp.MIN, this, dim, reduced); }
    public Tensor argmax(int dim, ReducedDim reduced) { return Reductions.argmax(this, dim, reduced); }
    public Tensor var(int dim, ReducedDim reduced, int correction) {
        return Reductions.var(this, dim, reduced, correction);
    }
    public Tensor sum() { return Reductions.sumAll(this); }
    public Tensor mean() { return Reductions.meanAll(this); }

    public Tensor matmul(Tensor o) { return LinearAlgebra.matmul(this, o); }
    public Tensor softmax(int dim) { return NeuralOps.softmax(this, dim); }
    public Tensor logSoftmax(int dim) { return NeuralOps.logSoftmax(this, dim); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor(").append(dtype).append(", ").append(Shapes.str(shape));
        if (numel() <= 16) {
            sb.append(", ").append(Arrays.toString(toFloatArray()));
        }
        return sb.append(')').toString();
    }
}
