package dev.rein.steering.cie;

import dev.rein.autograd.Variable;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.TensorRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The trainable [2, H] table of one {@link ControlSignal}: row 0 is the embedding of the signal's maximum, row 1 of
 * its minimum, and a value in between is their mix by {@link ControlSignal#weight}.
 *
 * @param signal the signal the table encodes
 * @param table  the parameter [2, H]
 */
public record ControlTable(ControlSignal signal, Variable table) {
    /** The paper's initialisation: N(0, 0.02). */
    public static final double INIT_STD = 0.02;

    public ControlTable {
        Objects.requireNonNull(signal, "signal");
        if (table.rank() != 2 || table.size(0) != 2) {
            throw new IllegalArgumentException("the control table of " + signal.name() + " must be [2, hidden], got "
                    + Arrays.toString(table.shape()));
        }
    }

    /** A new trainable table [2, {@code hidden}] drawn from N(0, 0.02) with {@code seed}. */
    public static ControlTable initialized(ControlSignal signal, int hidden, long seed) {
        TensorRandom random = new TensorRandom(seed);
        float[] values = new float[2 * hidden];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * INIT_STD);
        }
        return new ControlTable(signal, Variable.parameter(Tensor.of(values, 2, hidden)));
    }

    /** The hidden size H. */
    public int hidden() {
        return table.size(1);
    }
}
