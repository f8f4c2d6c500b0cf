package dev.rein.models.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.FormatException;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.formats.safetensors.SafetensorsWriter;
import dev.rein.models.LanguageModel;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints saved by other model classes of a family store the same tensors under other prefixes: GPT-2's base
 * class without {@code transformer.}, the multimodal Gemma 3 under {@code language_model.model.} or
 * {@code model.language_model.}. Each renamed copy must give the original's logits.
 */
class WeightNamesTest {
    private static final int[] IDS = {3, 17, 99, 5, 42};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void gpt2WithoutTheTransformerPrefixLoads() throws IOException {
        Path original = SharedData.path("reference/models/random-gpt2-tiny");
        Path renamed = copy(original, name -> name.replaceFirst("^transformer\\.", ""), config -> config);
        assertSameLogits(original, renamed);
    }

    @Test
    void multimodalGemma3NamesLoadInBothLayouts() throws IOException {
        Path original = SharedData.path("reference/models/random-gemma3-tiny");
        UnaryOperator<ObjectNode> nest = text -> {
            ObjectNode outer = JSON.createObjectNode().put("model_type", "gemma3");
            outer.set("text_config", text.deepCopy().put("model_type", "gemma3_text"));
            return outer;
        };
        assertSameLogits(original, copy(original, name -> name.replaceFirst("^model\\.", "language_model.model.")
                .replaceFirst("^lm_head", "language_model.lm_head"), nest));
        assertSameLogits(original, copy(original, name -> name.replaceFirst("^model\\.", "model.language_model."),
                nest));
    }

    @Test
    void aMissingTensorNamesTheCanonicalNameAndShape() throws IOException {
        Path original = SharedData.path("reference/models/random-qwen3-tiny");
        Path broken = copy(original, name -> name.replace("layers.1.mlp.up_proj", "layers.1.mlp.upproj"), c -> c);
        FormatException e = org.junit.jupiter.api.Assertions.assertThrows(FormatException.class,
                () -> LanguageModel.load(broken));
        assertTrue(e.getMessage().contains("model.layers.1.mlp.up_proj.weight") && e.getMessage().contains("missing"),
                e.getMessage());
    }

    private Path copy(Path original, UnaryOperator<String> rename, UnaryOperator<ObjectNode> config)
            throws IOException {
        Path dir = Files.createTempDirectory(temp, "renamed");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (Checkpoint checkpoint = Checkpoint.open(original)) {
            for (String name : checkpoint.names()) {
                tensors.put(rename.apply(name), checkpoint.tensor(name).copy());
            }
        }
        SafetensorsWriter.write(dir.resolve(Checkpoint.SINGLE_FILE), tensors, Map.of("format", "pt"));
        ObjectNode json = (ObjectNode) JSON.readTree(original.resolve("config.json").toFile());
        JSON.writeValue(dir.resolve("config.json").toFile(), config.apply(json));
        return dir;
    }

    private static void assertSameLogits(Path original, Path renamed) throws IOException {
        try (LanguageModel a = LanguageModel.load(original); LanguageModel b = LanguageModel.load(renamed)) {
            // equal up to the last bits the JIT may move while it compiles the kernels (docs/performance.md)
            assertArrayEquals(a.transformer().forward(TokenBatch.of(IDS)).value().toFloatArray(),
                    b.transformer().forward(TokenBatch.of(IDS)).value().toFloatArray(), 1e-4f);
        }
    }
}
