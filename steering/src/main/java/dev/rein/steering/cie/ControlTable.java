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
        return initialized(signal, hidden, seed, INIT_STD);
    }

    /** A new trainable table [2, {@code hidden}] drawn from N(0, {@code std}) with {@code seed}. */
    public static ControlTable initialized(ControlSignal signal, int hidden, long seed, double std) {
        if (!(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("the initial standard deviation must be a positive number, got " + std);
        }
        TensorRandom random = new TensorRandom(seed);
        float[] values = new float[2 * hidden];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return new ControlTable(signal, Variable.parameter(Tensor.of(values, 2, hidden)));
    }

    /**
     * A new table drawn from N(0, σ) with σ the root mean square of the entries of {@code embeddings} (the model's
     * token embedding table [V, H]), so the injected vector starts at the scale of the token embeddings it stands
     * among. A departure from the paper's N(0, 0.02): a trained model's embeddings can be several times larger (the
     * embedded default model's RMS is about 0.087), and a control that starts small is slow to be read.
     */
    public static ControlTable initializedLike(ControlSignal signal, Variable embeddings, long seed) {
        float[] values = embeddings.value().toFloatArray();
        double squares = 0;
        for (float value : values) {
            squares += (double) value * value;
        }
        return initialized(signal, embeddings.size(embeddings.rank() - 1), seed, Math.sqrt(squares / values.length));
    }

    /** The hidden size H. */
    public int hidden() {
        return table.size(1);
    }
}
