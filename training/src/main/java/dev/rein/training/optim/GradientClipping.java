package dev.rein.training.optim;

import static dev.rein.training.optim.F32Elements.F32;

import dev.rein.autograd.Variable;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.cpu.Parallel;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Gradient clipping by global norm, as torch.nn.utils.clip_grad_norm_: all gradients together are treated as one
 * vector; when its L2 norm exceeds {@code maxNorm} every gradient is multiplied by {@code maxNorm / (norm + 1e-6)}.
 */
public final class GradientClipping {
    /** torch's guard against division by a zero norm. */
    private static final double EPSILON = 1e-6;
    /** Elements summed per block; blocks are fixed so the sum does not depend on the number of cores. */
    private static final int BLOCK = 1 << 16;

    private GradientClipping() {
    }

    /**
     * Scales the gradients of {@code parameters} (those without one are skipped) in place so that their global L2
     * norm is at most {@code maxNorm}, and returns the norm before clipping. A non-finite norm (an overflow or a
     * NaN in some gradient) leaves the gradients as they are: the caller sees it in the returned value and
     * decides, typically by skipping the step.
     */
    public static double clipByGlobalNorm(Collection<Variable> parameters, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clipByGlobalNorm: maxNorm must be a finite number > 0, got " + maxNorm);
        }
        List<MemorySegment> grads = new ArrayList<>();
        int index = 0;
        for (Variable parameter : parameters) {
            Tensor grad = parameter.grad();
            if (grad != null) {
                grads.add(F32Elements.of(grad, "gradient of parameter #" + index + " (shape "
                        + Arrays.toString(grad.shape()) + ")"));
            }
            index++;
        }
        double sumOfSquares = 0;
        for (MemorySegment grad : grads) {
            sumOfSquares += sumOfSquares(grad);
        }
        double norm = Math.sqrt(sumOfSquares);
        double scale = maxNorm / (norm + EPSILON);
        if (Double.isFinite(norm) && scale < 1) {
            float factor = (float) scale;
            for (MemorySegment grad : grads) {
                int n = (int) (grad.byteSize() / F32.byteSize());
                Parallel.forRange(n, 2, (start, end) -> {
                    for (long i = start; i < end; i++) {
                        grad.setAtIndex(F32, i, grad.getAtIndex(F32, i) * factor);
                    }
                });
            }
        }
        return norm;
    }

    private static double sumOfSquares(MemorySegment elements) {
        long n = elements.byteSize() / F32.byteSize();
        int blocks = (int) ((n + BLOCK - 1) / BLOCK);
        double[] partial = new double[blocks];
        Parallel.forRange(blocks, 2L * BLOCK, (first, last) -> {
            for (int b = first; b < last; b++) {
                double sum = 0;
                for (long i = (long) b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
                    double x = elements.getAtIndex(F32, i);
                    sum += x * x;
                }
                partial[b] = sum;
            }
        });
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return total;
    }
}
