package dev.rein.training.checkpoints;

import dev.rein.formats.FormatException;
import dev.rein.formats.safetensors.SafetensorsFile;
import dev.rein.formats.safetensors.SafetensorsWriter;
import dev.rein.tensor.Tensor;
import dev.rein.training.optim.OptimizerState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@link OptimizerState} as a safetensors file: its tensors under their state names
 * ({@code exp_avg/<parameter name>}), its kind and update count in the header's {@code __metadata__}.
 */
public final class OptimizerFiles {
    /** The file name in a checkpoint folder. */
    public static final String FILE_NAME = "optimizer.safetensors";
    private static final String KIND = "optimizer";
    private static final String STEPS = "steps";

    private OptimizerFiles() {
    }

    /** Writes {@code state} to {@code file}, atomically. */
    public static void write(Path file, OptimizerState state) throws IOException {
        SafetensorsWriter.write(file, state.tensors(), Map.of(KIND, state.kind(), STEPS, Long.toString(state.steps())));
    }

    /**
     * Reads a state written by {@link #write}; its tensors are copies, independent of the file.
     *
     * @throws FormatException when the file is not such a state
     */
    public static OptimizerState read(Path file) throws IOException {
        try (SafetensorsFile stored = SafetensorsFile.open(file)) {
            Map<String, String> metadata = stored.metadata();
            String kind = metadata.get(KIND);
            if (kind == null) {
                throw new FormatException(file, "__metadata__." + KIND, "missing: not an optimizer state");
            }
            long steps;
            try {
                steps = Long.parseLong(metadata.getOrDefault(STEPS, ""));
            } catch (NumberFormatException e) {
                throw new FormatException(file, "__metadata__." + STEPS, "expected a count of updates, found \""
                        + metadata.get(STEPS) + "\"", e);
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (String name : stored.names()) {
                tensors.put(name, stored.tensor(name).copy());
            }
            return new OptimizerState(kind, steps, tensors);
        }
    }
}
