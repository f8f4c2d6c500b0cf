package dev.rein.text.chat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message of a conversation as Hugging Face chat templates read it: a {@code role} ({@code system},
 * {@code user}, {@code assistant}, {@code tool}, ...), a {@code content} that is a string, a list of
 * {@link ContentPart}s or absent, and any further fields a template may read, such as {@code reasoning_content}
 * or {@code tool_calls}. Field values are what JSON holds: strings, numbers, booleans, null, and
 * {@link List}s and {@link Map}s of them.
 *
 * @param role   the speaker
 * @param text   the content when it is a string, else null
 * @param parts  the content when it is a list of parts, else null (never both)
 * @param fields further fields, in order; never {@code role} or {@code content}
 */
public record ChatMessage(String role, String text, List<ContentPart> parts, Map<String, Object> fields) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        if (text != null && parts != null) {
            throw new IllegalArgumentException("a message's content is either a string or a list of parts");
        }
        parts = parts == null ? null : List.copyOf(parts);
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        if (fields.containsKey("role") || fields.containsKey("content")) {
            throw new IllegalArgumentException("role and content are not extra fields");
        }
    }

    /** A message whose content is a string. */
    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role, Objects.requireNonNull(content, "content"), null, null);
    }

    /** A message whose content is a list of parts. */
    public static ChatMessage ofParts(String role, List<ContentPart> parts) {
        return new ChatMessage(role, null, Objects.requireNonNull(parts, "parts"), null);
    }

    public static ChatMessage system(String content) {
        return of("system", content);
    }

    public static ChatMessage user(String content) {
        return of("user", content);
    }

    public static ChatMessage assistant(String content) {
        return of("assistant", content);
    }

    /** This message with one more field (or a field replaced), e.g. {@code withField("reasoning_content", "...")}. */
    public ChatMessage withField(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(fields);
        more.put(name, value);
        return new ChatMessage(role, text, parts, more);
    }

    /** The message as templates see it: a mapping with {@code role}, {@code content} and the further fields. */
    Map<String, Object> templateValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("role", role);
        value.put("content", parts == null ? text : parts.stream().map(ContentPart::templateValue).toList());
        value.putAll(fields);
        return value;
    }
}
