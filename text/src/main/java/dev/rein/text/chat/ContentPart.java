package dev.rein.text.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One part of a message whose content is a list, as multimodal chat templates (Gemma 3) accept it:
 * {@code {"type": "text", "text": "..."}} or a part of another type such as {@code {"type": "image"}}.
 */
public record ContentPart(String type, String text) {
    public ContentPart {
        Objects.requireNonNull(type, "type");
    }

    /** A {@code {"type": "text", "text": text}} part. */
    public static ContentPart text(String text) {
        return new ContentPart("text", Objects.requireNonNull(text, "text"));
    }

    /** A part with a type only, such as {@code image}, whose data the template does not read. */
    public static ContentPart ofType(String type) {
        return new ContentPart(type, null);
    }

    /** The part as templates see it: a mapping with {@code type} and, when there is one, {@code text}. */
    Map<String, Object> templateValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", type);
        if (text != null) {
            value.put("text", text);
        }
        return value;
    }
}
