package dev.rein.steering.vector;

import dev.rein.formats.FormatException;
import dev.rein.formats.safetensors.SafetensorsFile;
import dev.rein.formats.safetensors.SafetensorsWriter;
import dev.rein.models.hooks.Hooks;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A steering vector with one direction per layer, each added to the residual stream leaving its block
 * ({@code blocks.{layer}.hook_resid_post}) times one strength: the form of llama.cpp's control vectors and repeng's.
 * Saved as a safetensors file of F32 tensors {@code direction.{layer}} [H] (llama.cpp's tensor names), with the
 * model it was made for in the metadata {@code controlvector.model_hint}.
 *
 * @param modelHint  the model it was made for, as a name (informational)
 * @param directions layer to direction [H], all of one width
 */
public record ControlVector(String modelHint, SortedMap<Integer, Tensor> directions) {
    /** The metadata key naming the model, as llama.cpp's GGUF control vectors call it. */
    public static final String MODEL_HINT = "controlvector.model_hint";
    private static final Pattern NAME = Pattern.compile("direction\\.(\\d{1,6})");

    public ControlVector {
        if (directions.isEmpty()) throw new IllegalArgumentException("a control vector needs at least one layer");
        int width = directions.values().iterator().next().size(0);
        for (Map.Entry<Integer, Tensor> entry : directions.entrySet()) {
            Tensor direction = entry.getValue();
            if (entry.getKey() < 0 || direction.rank() != 1 || direction.size(0) != width) {
                throw new IllegalArgumentException("layer " + entry.getKey() + ": every direction must be [" + width
                        + "] at a layer of at least 0, got " + java.util.Arrays.toString(direction.shape()));
            }
        }
        directions = Collections.unmodifiableSortedMap(new TreeMap<>(directions));
    }

    /** Width of the directions (the model's hidden size). */
    public int width() {
        return directions.values().iterator().next().size(0);
    }

    /** Adds {@code strength} times every layer's direction to {@code hooks}; returns them. */
    public Hooks addTo(Hooks hooks, float strength) {
        directions.forEach((layer, direction) -> hooks.addToResidual(layer, direction, strength));
        return hooks;
    }

    /** Writes the safetensors file (atomically). */
    public void write(Path file) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        directions.forEach((layer, direction) -> tensors.put("direction." + layer, direction.to(DType.F32)));
        SafetensorsWriter.write(file, tensors, Map.of(MODEL_HINT, modelHint));
    }

    /**
     * Reads a file {@link #write} wrote (or any safetensors file of {@code direction.{layer}} tensors [H]).
     *
     * @throws FormatException naming the file and tensor when a name or shape is not a control vector's
     */
    public static ControlVector read(Path file) throws IOException {
        try (SafetensorsFile in = SafetensorsFile.open(file)) {
            SortedMap<Integer, Tensor> directions = new TreeMap<>();
            for (String name : in.names()) {
                Matcher m = NAME.matcher(name);
                if (!m.matches()) {
                    throw new FormatException(file, name, "expected only tensors named direction.{layer}");
                }
                Tensor stored = in.tensor(name);
                if (stored.rank() != 1) {
                    throw new FormatException(file, name, "expected a direction [hidden], got shape "
                            + java.util.Arrays.toString(stored.shape()));
                }
                directions.put(Integer.parseInt(m.group(1)), Tensor.zeros(stored.size(0)).copyFrom(stored));
            }
            if (directions.isEmpty()) throw new FormatException(file, null, "expected direction.{layer} tensors");
            try {
                return new ControlVector(in.metadata().getOrDefault(MODEL_HINT, ""), directions);
            } catch (IllegalArgumentException e) {
                throw new FormatException(file, null, e.getMessage());
            }
        }
    }
}
