package dev.rein.training.optim;

import dev.rein.tensor.DType;
import dev.rein.tensor.Elements;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The elements of a contiguous F32 tensor as a segment indexed from 0, so that update loops read and write
 * {@code segment.getAtIndex(F32, i)} directly. Anything else is refused with a message naming the tensor.
 */
final class F32Elements {
    /** Layout of one element in the segments returned here. */
    static final ValueLayout.OfFloat F32 = Elements.F32;

    private F32Elements() {
    }

    /** The elements of {@code tensor}, described as {@code what} in errors ("parameter lm_head.weight"). */
    static MemorySegment of(Tensor tensor, String what) {
        if (tensor.dtype() != DType.F32) {
            throw new IllegalArgumentException(what + " is " + tensor.dtype()
                    + "; optimizers update F32 tensors only (convert the parameter to F32 before training)");
        }
        if (!tensor.isContiguous()) {
            throw new IllegalArgumentException(what + " is not contiguous; optimizers update contiguous tensors only");
        }
        if (tensor.numel() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " has " + tensor.numel() + " elements; at most "
                    + Integer.MAX_VALUE + " are supported");
        }
        long bytes = DType.F32.byteSize();
        return tensor.storage().segment().asSlice(tensor.offset() * bytes, tensor.numel() * bytes);
    }
}
