package dev.rein.cli;

import dev.rein.formats.FormatException;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.Hooks;
import dev.rein.steering.vector.ControlVector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code rein generate --steering-vector FILE[:STRENGTH]} (picocli mixin, repeatable): steering vectors that
 * {@code rein steer build} wrote, added while generating at each of their layers times the strength (default 1).
 */
final class SteeringVectorOption {
    @Option(names = "--steering-vector", paramLabel = "FILE[:STRENGTH]", description = "Add this steering vector "
            + "(rein steer build) times STRENGTH (default 1) at its layers while generating (repeatable).")
    private List<String> given = new ArrayList<>();

    boolean isEmpty() {
        return given.isEmpty();
    }

    /** One {@code FILE[:STRENGTH]} value. */
    record Entry(String file, float strength) {
    }

    /** The given vectors, each file with its strength (1 when none is written). */
    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (String entry : given) {
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.substring(colon + 1).matches("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
                entries.add(new Entry(entry.substring(0, colon), Float.parseFloat(entry.substring(colon + 1))));
            } else {
                entries.add(new Entry(entry, 1f));
            }
        }
        return entries;
    }

    /** Adds every vector to {@code hooks}; a vector that does not fit the model is a user error naming its file. */
    Hooks addTo(Hooks hooks, LanguageModel model) throws IOException {
        for (Entry entry : entries()) {
            ControlVector vector;
            try {
                vector = ControlVector.read(Path.of(entry.file()));
                vector.requireFits(model.config().hiddenSize(), model.config().numLayers(), entry.file());
            } catch (FormatException | IllegalArgumentException e) {
                throw new UserError("--steering-vector " + e.getMessage());
            }
            vector.addTo(hooks, entry.strength());
        }
        return hooks;
    }
}
