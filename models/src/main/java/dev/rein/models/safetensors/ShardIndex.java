package dev.rein.models.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.models.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code model.safetensors.index.json} of a sharded checkpoint: {@code {"metadata": {...}, "weight_map":
 * {tensor name: shard file name}}}. Only the weight map is used; {@code metadata} (which Hugging Face fills with
 * {@code total_size}) must be an object when present. Shard names must be plain file names in the index's folder.
 */
record ShardIndex(Map<String, String> weightMap) {
    static final String WEIGHT_MAP = "weight_map";

    static ShardIndex read(Path file) throws IOException {
        if (Files.size(file) > Header.MAX_HEADER_BYTES) {
            throw new FormatException(file, null, "the index is larger than " + Header.MAX_HEADER_BYTES + " bytes");
        }
        JsonNode root = StrictJson.parse(file, StrictJson.decodeUtf8(file, Files.readAllBytes(file)));
        if (!root.isObject()) {
            throw new FormatException(file, null, "expected a JSON object with a " + WEIGHT_MAP);
        }
        JsonNode metadata = root.get("metadata");
        if (metadata != null && !metadata.isObject()) {
            throw new FormatException(file, "metadata", "expected an object, found " + metadata.getNodeType());
        }
        JsonNode map = root.get(WEIGHT_MAP);
        if (map == null || !map.isObject()) {
            throw new FormatException(file, WEIGHT_MAP, "expected an object mapping tensor names to shard files, found "
                    + (map == null ? "nothing" : map.getNodeType()));
        }
        Map<String, String> weightMap = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            JsonNode shard = entry.getValue();
            if (!shard.isTextual() || !isPlainFileName(shard.textValue())) {
                throw new FormatException(file, entry.getKey(),
                        "expected the file name of a shard in the same folder, found " + shard);
            }
            weightMap.put(entry.getKey(), shard.textValue());
        }
        return new ShardIndex(Collections.unmodifiableMap(weightMap));
    }

    /** Writes the index of {@code weightMap} (names sorted) with {@code total_size} metadata, atomically. */
    static void write(Path file, Map<String, String> weightMap, long totalSize) throws IOException {
        ObjectNode root = StrictJson.MAPPER.createObjectNode();
        root.putObject("metadata").put("total_size", totalSize);
        ObjectNode map = root.putObject(WEIGHT_MAP);
        for (String name : weightMap.keySet().stream().sorted(SafetensorsWriter.NAME_ORDER).toList()) {
            map.put(name, weightMap.get(name));
        }
        byte[] json = StrictJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        AtomicFiles.write(file, channel -> {
            RowMajorWriter out = new RowMajorWriter(channel);
            out.write(json);
            out.write(new byte[] {'\n'});
            out.flush();
        });
    }

    private static boolean isPlainFileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.chars().noneMatch(c -> c == '/' || c == '\\' || c == 0);
    }
}
