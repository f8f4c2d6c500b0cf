package dev.rein.training.adapters;

import dev.rein.autograd.MatrixFunctions;
import dev.rein.autograd.Variable;
import dev.rein.models.transformer.Projection;
import dev.rein.tensor.Tensor;
import java.util.Arrays;

/**
 * A projection with a LoRA update: {@code y = base(x) + scaling * B (A (dropout(x)))}. The base projection is used
 * unchanged (frozen or not, as it was loaded); A [rank, in] and B [out, rank] are the adapter's own weights. As in
 * PEFT, the update is the same for GPT-2's Conv1D projections: only the base weight is stored transposed.
 */
public final class LoraProjection implements Projection {
    private final Projection base;
    private final Variable a;           // [rank, in]
    private final Variable b;           // [out, rank]
    private final float scaling;
    private final Dropout dropout;

    /**
     * @throws IllegalArgumentException when A or B does not fit the base projection or each other
     */
    public LoraProjection(Projection base, Variable a, Variable b, double scaling, Dropout dropout) {
        if (a.rank() != 2 || b.rank() != 2 || a.size(1) != base.inFeatures() || b.size(0) != base.outFeatures()
                || b.size(1) != a.size(0)) {
            throw new IllegalArgumentException("LoRA weights A " + Arrays.toString(a.shape()) + " and B "
                    + Arrays.toString(b.shape()) + " do not fit a projection " + base.inFeatures()
                    + " -> " + base.outFeatures() + " (expected A [r, in] and B [out, r])");
        }
        this.base = base;
        this.a = a;
        this.b = b;
        this.scaling = (float) scaling;
        this.dropout = dropout;
    }

    /** x [..., in] -> [..., out]. */
    @Override
    public Variable apply(Variable x) {
        Variable update = MatrixFunctions.linear(MatrixFunctions.linear(dropout.apply(x), a, null), b, null);
        return base.apply(x).add(update.mul(scaling));
    }

    @Override
    public int inFeatures() {
        return base.inFeatures();
    }

    @Override
    public int outFeatures() {
        return base.outFeatures();
    }

    public Projection base() {
        return base;
    }

    /** lora_A [rank, in]. */
    public Variable a() {
        return a;
    }

    /** lora_B [out, rank]. */
    public Variable b() {
        return b;
    }

    public float scaling() {
        return scaling;
    }

    public Dropout dropout() {
        return dropout;
    }

    /** The update as one matrix, {@code scaling * B A} [out, in] in F32: what merging adds to the base weight. */
    public Tensor delta() {
        return b.value().matmul(a.value()).mul(scaling);
    }
}
