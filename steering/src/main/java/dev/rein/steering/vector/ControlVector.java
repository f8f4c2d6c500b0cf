package dev.rein.steering.vector;

import dev.rein.formats.FormatException;
import dev.rein.formats.gguf.GgufFile;
import dev.rein.formats.gguf.GgufTensorType;
import dev.rein.formats.gguf.GgufValue;
import dev.rein.formats.gguf.GgufWriter;
import dev.rein.formats.safetensors.SafetensorsFile;
import dev.rein.formats.safetensors.SafetensorsWriter;
import dev.rein.models.hooks.Hooks;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Collections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A steering vector with one direction per layer, each added to the residual stream leaving its block
 * ({@code blocks.{layer}.hook_resid_post}) times one strength: the form of llama.cpp's control vectors and repeng's.
 * Saved as F32 tensors {@code direction.{layer}} [H] with the model it was made for in the metadata
 * {@code controlvector.model_hint}: in a {@code .gguf} file as llama.cpp's {@code --control-vector} reads and repeng's
 * {@code export_gguf} writes (architecture {@code controlvector}, {@code controlvector.layer_count}), otherwise in a
 * safetensors file. Layer L is the output of block L ({@code blocks.L.hook_resid_post}), as in llama.cpp, which has no
 * layer 0 in this layout.
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

    /**
     * Checks that this vector fits a model of {@code hiddenSize} and {@code numLayers}.
     *
     * @throws IllegalArgumentException naming {@code source}, the vector's width and layers and the model's
     */
    public void requireFits(int hiddenSize, int numLayers, String source) {
        if (width() != hiddenSize || directions.lastKey() >= numLayers) {
            throw new IllegalArgumentException(source + ": directions of width " + width() + " at layers "
                    + directions.keySet() + ", but the model has width " + hiddenSize + " and layers 0.."
                    + (numLayers - 1));
        }
    }

    /** Adds {@code strength} times every layer's direction to {@code hooks}; returns them. */
    public Hooks addTo(Hooks hooks, float strength) {
        directions.forEach((layer, direction) -> hooks.addToResidual(layer, direction, strength));
        return hooks;
    }

    /**
     * Writes the file (atomically): GGUF when its name ends with {@code .gguf}, safetensors otherwise.
     *
     * @throws IllegalArgumentException for a GGUF file of a vector with a layer 0, which llama.cpp refuses
     */
    public void write(Path file) throws IOException {
        if (file.getFileName().toString().endsWith(GgufFile.EXTENSION)) {
            writeGguf(file);
            return;
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        directions.forEach((layer, direction) -> tensors.put("direction." + layer, direction.to(DType.F32)));
        SafetensorsWriter.write(file, tensors, Map.of(MODEL_HINT, modelHint));
    }

    private void writeGguf(Path file) throws IOException {
        if (directions.firstKey() == 0) {
            throw new IllegalArgumentException("llama.cpp's control vectors have no layer 0 (direction.N is added to "
                    + "block N's output, N >= 1); build from layer 1 on or write a .safetensors file");
        }
        Map<String, GgufValue> metadata = new LinkedHashMap<>();
        metadata.put("general.architecture", GgufValue.ofString("controlvector"));
        metadata.put(MODEL_HINT, GgufValue.ofString(modelHint));
        metadata.put("controlvector.layer_count", GgufValue.ofUint32(directions.size()));
        List<GgufWriter.Entry> tensors = new ArrayList<>();
        directions.forEach((layer, direction) -> tensors.add(new GgufWriter.Entry("direction." + layer,
                GgufTensorType.F32, new int[] {direction.size(0)}, () -> littleEndian(direction.toFloatArray()))));
        GgufWriter.write(file, metadata, tensors);
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }

    /**
     * Reads a file {@link #write} wrote: a GGUF control vector (llama.cpp's, repeng's), or a safetensors file of
     * {@code direction.{layer}} tensors [H].
     *
     * @throws FormatException naming the file and tensor when a name or shape is not a control vector's
     */
    public static ControlVector read(Path file) throws IOException {
        if (GgufFile.isGgufFile(file)) {
            try (GgufFile in = GgufFile.open(file)) {
                SortedMap<Integer, Tensor> directions = new TreeMap<>();
                for (String name : in.names()) {
                    directions.put(layer(file, name), direction(file, name, in.tensor(name)));
                }
                return checked(file, in.metadata().optionalString(MODEL_HINT).orElse(""), directions);
            }
        }
        try (SafetensorsFile in = SafetensorsFile.open(file)) {
            SortedMap<Integer, Tensor> directions = new TreeMap<>();
            for (String name : in.names()) {
                directions.put(layer(file, name), direction(file, name, in.tensor(name)));
            }
            return checked(file, in.metadata().getOrDefault(MODEL_HINT, ""), directions);
        }
    }

    /** N of a tensor named direction.N; another name is a format error. */
    private static int layer(Path file, String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new FormatException(file, name, "expected only tensors named direction.{layer}");
        }
        return Integer.parseInt(m.group(1));
    }

    /** A stored direction [H] copied into memory of its own, as F32. */
    private static Tensor direction(Path file, String name, Tensor stored) {
        if (stored.rank() != 1) {
            throw new FormatException(file, name, "expected a direction [hidden], got shape "
                    + java.util.Arrays.toString(stored.shape()));
        }
        return Tensor.zeros(stored.size(0)).copyFrom(stored);
    }

    private static ControlVector checked(Path file, String modelHint, SortedMap<Integer, Tensor> directions) {
        if (directions.isEmpty()) throw new FormatException(file, null, "expected direction.{layer} tensors");
        try {
            return new ControlVector(modelHint, directions);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, null, e.getMessage());
        }
    }
}
