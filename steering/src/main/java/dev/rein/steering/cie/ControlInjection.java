package dev.rein.steering.cie;

import dev.rein.autograd.MatrixFunctions;
import dev.rein.autograd.Variable;
import dev.rein.models.hooks.Hook;
import dev.rein.models.hooks.HookContext;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CIE edit at {@code hook_embed}: at each placed position the token embedding is replaced by
 * c·E[0] + (1 − c)·E[1] of its signal's table, other positions pass through. The placements are those of the
 * batch about to run ({@link #place}): a {@link ControlledBatches} sets them as it hands out each training batch,
 * {@link ControlledGeneration} before a generation. A pass covers sequence indices
 * [startPosition, startPosition + T), so cached decoding steps, past every placeholder, are left alone.
 *
 * <p>Built as a trainable {@link Hook}, so the tables receive gradients.
 */
public final class ControlInjection implements Hook {
    private final Map<String, ControlTable> tables = new LinkedHashMap<>();
    private List<ControlPlacement> placements = List.of();

    /**
     * An injection of {@code controlTables}; with none it changes nothing (a baseline trained without a table).
     *
     * @throws IllegalArgumentException when two tables share a signal name or their hidden sizes differ
     */
    public ControlInjection(List<ControlTable> controlTables) {
        for (ControlTable table : controlTables) {
            if (tables.put(table.signal().name(), table) != null) {
                throw new IllegalArgumentException("two control tables for signal " + table.signal().name());
            }
            if (table.hidden() != controlTables.getFirst().hidden()) {
                throw new IllegalArgumentException("control tables of hidden sizes " + table.hidden() + " and "
                        + controlTables.getFirst().hidden());
            }
        }
    }

    /** The tables, by signal name, in the order given. */
    public Map<String, ControlTable> tables() {
        return Collections.unmodifiableMap(tables);
    }

    /** Sets the placements of the next passes (until placed again). */
    public void place(List<ControlPlacement> next) {
        for (ControlPlacement placement : next) {
            if (!tables.containsKey(placement.signal())) {
                throw new IllegalArgumentException("no control table for signal " + placement.signal()
                        + "; this injection has " + tables.keySet());
            }
        }
        placements = List.copyOf(next);
    }

    /** Hooks that run this injection at {@code hook_embed}. */
    public Hooks hooks() {
        return new Hooks().addTrainable(HookPoints.EMBED, this);
    }

    /** x [B, T, H] -> x with the placed positions of this pass replaced. */
    @Override
    public Variable apply(Variable activation, HookContext context) {
        int b = activation.size(0);
        int t = activation.size(1);
        int start = context.startPosition();
        float[] keep = new float[b * t];                                 // [B, T]: 0 where a control goes
        Arrays.fill(keep, 1f);
        Map<String, float[]> weights = new LinkedHashMap<>();            // per signal [B*T, 2]
        for (ControlPlacement placement : placements) {
            int local = placement.position() - start;
            if (local < 0 || local >= t) {
                continue;
            }
            if (placement.row() >= b) {
                throw new IllegalStateException("a control is placed in row " + placement.row() + " of a batch of "
                        + b + " rows: place the controls of the batch that runs");
            }
            ControlTable table = tables.get(placement.signal());
            double c = table.signal().weight(placement.value());
            int at = placement.row() * t + local;
            float[] w = weights.computeIfAbsent(placement.signal(), s -> new float[b * t * 2]);
            w[2 * at] = (float) c;
            w[2 * at + 1] = (float) (1 - c);
            keep[at] = 0f;
        }
        if (weights.isEmpty()) {
            return activation;
        }
        Variable out = activation.mul(Variable.constant(Tensor.of(keep, b, t, 1)));
        for (Map.Entry<String, float[]> signal : weights.entrySet()) {
            Variable mix = Variable.constant(Tensor.of(signal.getValue(), b * t, 2));
            Variable vectors = MatrixFunctions.matmul(mix, tables.get(signal.getKey()).table());    // [B*T, H]
            out = out.add(vectors.reshape(b, t, activation.size(2)));
        }
        return out;
    }
}
