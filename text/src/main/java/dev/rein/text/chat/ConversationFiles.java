package dev.rein.text.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.formats.FormatException;
import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.JsonFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a conversation from a JSON file in the form chat datasets and {@code apply_chat_template} use: a list of
 * messages, or an object whose {@code messages} field is that list. Each message has a string {@code role} and a
 * {@code content} that is a string, a list of {@code {"type": ..., "text": ...}} parts, or null/absent; any other
 * field ({@code reasoning_content}, {@code tool_calls}, ...) is kept for the template.
 */
public final class ConversationFiles {
    private static final ObjectMapper PLAIN_VALUES = new ObjectMapper();

    private ConversationFiles() {
    }

    /**
     * The messages of {@code file}.
     *
     * @throws FormatException naming the file and the message field at fault, e.g. {@code messages[2].role: missing}
     * @throws IOException     when the file cannot be read
     */
    public static List<ChatMessage> read(Path file) throws IOException {
        return parse(file, "", JsonFiles.read(file));
    }

    /**
     * The messages of one conversation already parsed as JSON, in the same forms as {@link #read}; for files
     * holding many conversations, such as one per line of a JSONL dataset.
     *
     * @param path where {@code conversation} lies in {@code file}, prefixed to the fields errors name (e.g.
     *             {@code line 3}); empty for the top level
     * @throws FormatException naming the file and the field at fault
     */
    public static List<ChatMessage> parse(Path file, String path, JsonNode conversation) {
        if (conversation.isObject()) {
            return messages(JsonFields.of(file, path, conversation).objects("messages"));
        }
        if (!conversation.isArray()) {
            throw new FormatException(file, path.isEmpty() ? null : path, "expected a list of messages or an object "
                    + "with \"messages\", found " + JsonFields.describe(conversation));
        }
        List<JsonFields> objects = new ArrayList<>(conversation.size());
        for (int i = 0; i < conversation.size(); i++) {
            objects.add(JsonFields.of(file, path + "[" + i + "]", conversation.get(i)));
        }
        return messages(objects);
    }

    private static List<ChatMessage> messages(List<JsonFields> objects) {
        List<ChatMessage> messages = new ArrayList<>(objects.size());
        for (JsonFields message : objects) {
            messages.add(message(message));
        }
        return messages;
    }

    private static ChatMessage message(JsonFields message) {
        String role = message.string("role");
        JsonNode content = message.value("content");
        String text = null;
        List<ContentPart> parts = null;
        if (content != null && content.isTextual()) {
            text = content.textValue();
        } else if (content != null && content.isArray()) {
            parts = new ArrayList<>();
            for (JsonFields part : message.objects("content")) {
                parts.add(new ContentPart(part.string("type"), part.optionalString("text").orElse(null)));
            }
        } else if (content != null && !content.isNull()) {
            throw message.wrongType("content", "a string, a list of parts or null");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : message.names()) {
            if (!name.equals("role") && !name.equals("content")) {
                fields.put(name, PLAIN_VALUES.convertValue(message.value(name), Object.class));
            }
        }
        return new ChatMessage(role, text, parts, fields);
    }
}
