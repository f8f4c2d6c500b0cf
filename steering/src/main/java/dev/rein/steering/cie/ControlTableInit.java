package dev.rein.steering.cie;

import dev.rein.autograd.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How new control tables start: {@link #PAPER}, the paper's N(0, 0.02) ({@link ControlTable#initialized}), or
 * {@link #EMBEDDINGS}, N(0, σ) at the RMS σ of the model's token embeddings ({@link ControlTable#initializedLike}),
 * a departure that lets a table be read from the first step on a model whose embeddings are larger than 0.02.
 */
public enum ControlTableInit {
    PAPER, EMBEDDINGS;

    /** The choice's name on the command line: {@code paper} or {@code embeddings}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * One new trainable table per signal, signal i drawn with seed {@code seed + i}.
     *
     * @param embeddings the model's token embedding table [V, H], which gives the hidden size (and the scale for
     *                   {@link #EMBEDDINGS})
     */
    public List<ControlTable> tables(List<ControlSignal> signals, Variable embeddings, long seed) {
        int hidden = embeddings.size(embeddings.rank() - 1);
        List<ControlTable> tables = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
            tables.add(this == PAPER ? ControlTable.initialized(signals.get(i), hidden, seed + i)
                    : ControlTable.initializedLike(signals.get(i), embeddings, seed + i));
        }
        return tables;
    }
}
