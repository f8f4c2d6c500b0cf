package dev.rein.bench;

import dev.rein.tensor.Backend;
import dev.rein.tensor.Backends;
import dev.rein.tensor.LinearAlgebra;
import dev.rein.tensor.Tensor;

/**
 * {@code a [M, K] @ w [K, N]} through {@link Backend#matmul} into one output allocated once, as the kernels run
 * inside a model (for a linear layer pass {@code W.mT()}, the view {@link LinearAlgebra#linear} passes). Not
 * through {@link LinearAlgebra#matmul}: its fresh, zeroed output per call is new memory whose page faults cost
 * as much as a 1024 product itself once no GC runs to recycle freed memory (docs/performance.md).
 */
public final class PreallocatedProduct {
    private final Backend backend = Backends.current();
    private final Tensor a;   // [1, M, K]
    private final Tensor w;   // [1, K, N]
    private final Tensor out; // [1, M, N]

    public PreallocatedProduct(Tensor a, Tensor w) {
        this.a = a.unsqueeze(0);
        this.w = w.unsqueeze(0);
        this.out = Tensor.zeros(1, a.size(0), w.size(1));
    }

    /** Computes the product into the output and returns it. */
    public Tensor run() {
        backend.matmul(a, w, out);
        return out;
    }
}
