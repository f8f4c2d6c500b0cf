package dev.rein.steering.vector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Two texts that differ in the property a steering vector should carry: {@code positive} has it, {@code negative}
 * does not (e.g. "I love this." / "I hate this."). A pairs file is JSON Lines, one {@code {"positive": ..., "negative":
 * ...}} object per line.
 */
public record ContrastPair(String positive, String negative) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The pairs of a JSON Lines file (blank lines skipped).
     *
     * @throws FormatException naming the file and line when a line is not such an object, or there is no pair
     */
    public static List<ContrastPair> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new FormatException(file, null, "no such file");
        List<ContrastPair> pairs = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String where = "line " + (i + 1);
            JsonNode node;
            try {
                node = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                throw new FormatException(file, where, "expected a JSON object, got " + lines.get(i).strip());
            }
            if (node == null || !node.isObject() || !node.path("positive").isTextual()
                    || !node.path("negative").isTextual()) {
                throw new FormatException(file, where, "expected {\"positive\": text, \"negative\": text}");
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("positive") && !name.equals("negative")) {
                    throw new FormatException(file, where, "unknown field '" + name + "'; a pair has positive and "
                            + "negative");
                }
            }
            pairs.add(new ContrastPair(node.get("positive").textValue(), node.get("negative").textValue()));
        }
        if (pairs.isEmpty()) throw new FormatException(file, null, "expected at least one pair");
        return pairs;
    }
}
