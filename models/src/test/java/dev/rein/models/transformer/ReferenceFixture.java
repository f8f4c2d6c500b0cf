package dev.rein.models.transformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** One file of ../shared/reference/fixtures (schema in reference/SCHEMA.md) and the model it describes. */
record ReferenceFixture(String name, JsonNode json) {

    static List<String> names() {
        Path folder = SharedData.path("reference/fixtures");
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReferenceFixture load(String name) {
        try {
            return new ReferenceFixture(name, new ObjectMapper().readTree(
                    SharedData.path("reference/fixtures/" + name + ".json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path modelDir() {
        return SharedData.path(json.get("model_dir").asText());
    }

    /** The model, loaded with the checkpoint kept open for the test's lifetime. */
    Transformer model() {
        try {
            Path dir = modelDir();
            ModelConfig config = ModelConfig.readFolder(dir);
            return new Transformer(config, WeightLoader.load(config, Checkpoint.open(dir)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> prompts() {
        return Stream.iterate(0, i -> i + 1).limit(json.get("prompts").size()).map(i -> json.get("prompts").get(i))
                .toList();
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
