package dev.rein.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.init.RandomCheckpoint;
import dev.rein.models.DefaultModel;
import dev.rein.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A model folder for control-token tests until {@code rein ctrl train} resizes models: the embedded model's
 * tokenizer with the seed's six special tokens added ({@code [PAD]}, then the five control tokens), and random
 * weights of the embedded model's shape with an embedding row for each of them.
 */
final class ControlTokenModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ADDED = List.of("[PAD]", "<|nontoxic|>", "<|toxic|>", "<|pos|>", "<|neu|>",
            "<|neg|>");

    private ControlTokenModel() {
    }

    /** Writes the folder and returns it. */
    static Path write(Path folder) throws IOException {
        Path source = DefaultModel.unpacked();
        Files.createDirectories(folder);
        for (String file : List.of("tokenizer_config.json", "generation_config.json")) {
            Files.copy(source.resolve(file), folder.resolve(file));
        }
        ObjectNode tokenizer = (ObjectNode) JSON.readTree(source.resolve("tokenizer.json").toFile());
        ArrayNode added = (ArrayNode) tokenizer.get("added_tokens");
        int vocabulary = tokenizer.get("model").get("vocab").size();
        for (int i = 0; i < ADDED.size(); i++) {
            added.addObject().put("id", vocabulary + i).put("content", ADDED.get(i)).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        JSON.writeValue(folder.resolve("tokenizer.json").toFile(), tokenizer);
        ObjectNode config = (ObjectNode) JSON.readTree(source.resolve("config.json").toFile());
        config.put("vocab_size", vocabulary + ADDED.size());
        Path configFile = folder.resolve("config.json");
        JSON.writeValue(configFile.toFile(), config);
        RandomCheckpoint.forConfig(configFile).write(folder, 5, DType.F32);
        return folder;
    }
}
