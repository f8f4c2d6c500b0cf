package dev.rein.training.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.autograd.Variable;
import dev.rein.formats.FormatException;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.formats.safetensors.SafetensorsFile;
import dev.rein.formats.safetensors.SafetensorsWriter;
import dev.rein.tensor.DType;
import dev.rein.tensor.Shapes;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a trained module that lives beside a model (an adapter, a head): a JSON description and a
 * safetensors file of its tensors in one folder. Both are written atomically (the tensors first, so a description
 * on disk always has its tensors); reading checks that the file holds exactly the expected tensors, floating point,
 * of the expected shapes, and returns F32 copies that outlive the file. Every mismatch is a {@link FormatException}
 * naming the file and the tensor.
 */
public final class ParameterFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What PyTorch's safetensors writers put in the header; Hugging Face's loaders expect it. */
    private static final Map<String, String> METADATA = Map.of("format", "pt");
    private static final int NAMES_SHOWN = 4;

    private ParameterFiles() {
    }

    /**
     * Writes {@code parameters} (their current values, as F32) to {@code folder/tensorFile} and then
     * {@code description} to {@code folder/descriptionFile}; the folder is created if needed.
     */
    public static void write(Path folder, String descriptionFile, JsonNode description, String tensorFile,
                             Map<String, Variable> parameters) throws IOException {
        Files.createDirectories(folder);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        parameters.forEach((name, parameter) -> tensors.put(name, parameter.value().to(DType.F32)));
        SafetensorsWriter.write(folder.resolve(tensorFile), tensors, METADATA);
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(description) + "\n";
        AtomicFiles.write(folder.resolve(descriptionFile), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The tensors of {@code file}, which must be exactly those of {@code expectedShapes}, as F32 copies in the
     * order of {@code expectedShapes}.
     *
     * @throws FormatException when a tensor is missing, unexpected, not floating point or of another shape, or the
     *                         file is not valid safetensors
     */
    public static Map<String, Tensor> readTensors(Path file, Map<String, int[]> expectedShapes) throws IOException {
        try (SafetensorsFile tensors = SafetensorsFile.open(file)) {
            for (String name : tensors.names()) {
                if (!expectedShapes.containsKey(name)) {
                    throw new FormatException(file, name, "unexpected tensor; expected " + expectedShapes.size()
                            + " tensors such as " + examples(expectedShapes));
                }
            }
            Map<String, Tensor> read = new LinkedHashMap<>();
            for (Map.Entry<String, int[]> expected : expectedShapes.entrySet()) {
                String name = expected.getKey();
                if (!tensors.contains(name)) {
                    throw new FormatException(file, name, "missing: expected a tensor of shape "
                            + Shapes.str(expected.getValue()));
                }
                Tensor t = tensors.tensor(name);
                if (!t.dtype().isFloatingPoint()) {
                    throw new FormatException(file, name, "expected a floating-point tensor, found " + t.dtype());
                }
                if (!Arrays.equals(t.shape(), expected.getValue())) {
                    throw new FormatException(file, name, "expected shape " + Shapes.str(expected.getValue())
                            + ", found " + Shapes.str(t.shape()));
                }
                read.put(name, t.dtype() == DType.F32 ? t.copy() : t.to(DType.F32));
            }
            return read;
        }
    }

    private static List<String> examples(Map<String, int[]> expectedShapes) {
        return expectedShapes.keySet().stream().limit(NAMES_SHOWN).toList();
    }
}
