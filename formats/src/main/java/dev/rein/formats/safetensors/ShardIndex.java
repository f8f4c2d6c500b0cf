package dev.rein.formats.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.FormatException;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code model.safetensors.index.json} of a sharded checkpoint: {@code {"metadata": {...}, "weight_map":
 * {tensor name: shard file name}}}. Only the weight map is used; {@code metadata} (which Hugging Face fills with
 * {@code total_size}) must be an object when present. Shard names must be plain file names in the index's folder.
 * Public so that the Hub download ({@code dev.rein.formats.hub}) fetches the shards an index names.
 *
 * @param weightMap tensor name to shard file name, sorted by tensor name
 */
public record ShardIndex(Map<String, String> weightMap) {
    static final String WEIGHT_MAP = "weight_map";

    /**
     * Reads an index file strictly (see {@link JsonFiles#readStrict}).
     *
     * @throws FormatException naming the file and tensor when the index is malformed or a shard name is not plain
     */
    public static ShardIndex read(Path file) throws IOException {
        if (Files.size(file) > Header.MAX_HEADER_BYTES) {
            throw new FormatException(file, null, "the index is larger than " + Header.MAX_HEADER_BYTES + " bytes");
        }
        JsonFields index = JsonFields.of(file, "", JsonFiles.readStrict(file));
        index.optionalObject("metadata"); // unused, but it must be an object when present
        JsonFields map = index.optionalObject(WEIGHT_MAP).orElseThrow(() -> index.error(WEIGHT_MAP,
                "missing: expected an object mapping tensor names to shard files"));
        Map<String, String> weightMap = new TreeMap<>();
        for (String name : map.names()) {
            JsonNode shard = map.node().get(name);
            if (!shard.isTextual() || !isPlainFileName(shard.textValue())) {
                throw new FormatException(file, name,
                        "expected the file name of a shard in the same folder, found " + JsonFields.describe(shard));
            }
            weightMap.put(name, shard.textValue());
        }
        return new ShardIndex(Collections.unmodifiableMap(weightMap));
    }

    /** Writes the index of {@code weightMap} (names sorted) with {@code total_size} metadata, atomically. */
    static void write(Path file, Map<String, String> weightMap, long totalSize) throws IOException {
        ObjectNode root = HeaderJson.MAPPER.createObjectNode();
        root.putObject("metadata").put("total_size", totalSize);
        ObjectNode map = root.putObject(WEIGHT_MAP);
        for (String name : weightMap.keySet().stream().sorted(SafetensorsWriter.NAME_ORDER).toList()) {
            map.put(name, weightMap.get(name));
        }
        byte[] json = HeaderJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        byte[] jsonLine = Arrays.copyOf(json, json.length + 1);
        jsonLine[json.length] = '\n';
        AtomicFiles.write(file, jsonLine);
    }

    private static boolean isPlainFileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.chars().noneMatch(c -> c == '/' || c == '\\' || c == 0);
    }
}
