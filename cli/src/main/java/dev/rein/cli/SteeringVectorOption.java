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

    /** Adds every vector to {@code hooks}; a vector that does not fit the model is a user error naming its file. */
    Hooks addTo(Hooks hooks, LanguageModel model) throws IOException {
        for (String entry : given) {
            int colon = entry.lastIndexOf(':');
            float strength = 1f;
            String file = entry;
            if (colon > 0 && entry.substring(colon + 1).matches("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
                strength = Float.parseFloat(entry.substring(colon + 1));
                file = entry.substring(0, colon);
            }
            ControlVector vector;
            try {
                vector = ControlVector.read(Path.of(file));
            } catch (FormatException e) {
                throw new UserError("--steering-vector " + e.getMessage());
            }
            int layers = model.config().numLayers();
            if (vector.width() != model.config().hiddenSize() || vector.directions().lastKey() >= layers) {
                throw new UserError("--steering-vector " + file + ": directions of width " + vector.width()
                        + " at layers " + vector.directions().keySet() + ", but the model has width "
                        + model.config().hiddenSize() + " and layers 0.." + (layers - 1));
            }
            vector.addTo(hooks, strength);
        }
        return hooks;
    }
}
