package dev.rein.autograd;

import dev.rein.tensor.ReducedDim;
import dev.rein.tensor.ShapeException;
import dev.rein.tensor.Shapes;
import dev.rein.tensor.Tensor;

/** The backward of broadcasting: a gradient of the broadcast shape summed back onto the operand's shape. */
final class Broadcasting {
    private Broadcasting() {
    }

    /**
     * {@code grad} summed over the dims that broadcasting added or stretched, so that it has {@code shape}:
     * leading extra dims are summed away, dims where {@code shape} has size 1 are summed and kept with size 1.
     */
    static Tensor sumToShape(Tensor grad, int[] shape) {
        int extra = grad.rank() - shape.length;
        if (extra < 0) {
            throw new ShapeException("sumToShape: gradient " + Shapes.str(grad.shape()) + " has fewer dims than "
                    + Shapes.str(shape));
        }
        Tensor out = grad;
        if (extra > 0) {
            // the leading dims folded into one and summed at once
            int[] folded = new int[shape.length + 1];
            folded[0] = 1;
            for (int d = 0; d < extra; d++) {
                folded[0] *= grad.size(d);
            }
            System.arraycopy(grad.shape(), extra, folded, 1, shape.length);
            out = out.reshape(folded).sum(0);
        }
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1 && out.size(d) != 1) {
                out = out.sum(d, ReducedDim.KEEP);
            } else if (shape[d] != out.size(d)) {
                throw new ShapeException("sumToShape: gradient " + Shapes.str(grad.shape()) + " does not broadcast from "
                        + Shapes.str(shape));
            }
        }
        return out;
    }
}
