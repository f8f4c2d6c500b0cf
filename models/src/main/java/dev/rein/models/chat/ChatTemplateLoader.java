package dev.rein.models.chat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.models.FormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the chat template and the BOS/EOS token texts from a Hugging Face {@code tokenizer_config.json}.
 * {@code chat_template} is either one template or a list of {@code {"name": ..., "template": ...}} objects;
 * from a list the one named {@code default} is taken unless a name is asked for. (Python's
 * {@code apply_chat_template} also switches to a template named {@code tool_use} when tools are passed; here
 * that template is chosen by name.) {@code bos_token} and {@code eos_token} are strings or added-token objects
 * whose {@code content} is the text; either may be absent or null.
 */
public final class ChatTemplateLoader {
    private static final String DEFAULT_NAME = "default";

    private ChatTemplateLoader() {
    }

    /** The default chat template of a {@code tokenizer_config.json}. */
    public static ChatTemplate load(Path tokenizerConfig) {
        return load(tokenizerConfig, null);
    }

    /**
     * The chat template of a {@code tokenizer_config.json} with the given name, or the default one when
     * {@code name} is null.
     *
     * @throws FormatException when the file cannot be read, is not JSON, has no chat template or none of that
     *                         name, or the template's blocks do not parse
     */
    public static ChatTemplate load(Path tokenizerConfig, String name) {
        JsonNode config;
        try {
            config = new ObjectMapper().readTree(tokenizerConfig.toFile());
        } catch (JacksonException e) {
            throw new FormatException(tokenizerConfig, null, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new FormatException(tokenizerConfig, null, "cannot be read: " + e, e);
        }
        return fromConfig(config, tokenizerConfig, name);
    }

    /**
     * The chat template of an already parsed {@code tokenizer_config.json}.
     *
     * @param file the file it came from, for error messages (may be null)
     * @param name the template's name when {@code chat_template} is a list, or null for the default one
     */
    public static ChatTemplate fromConfig(JsonNode config, Path file, String name) {
        if (config == null || !config.isObject()) {
            throw new FormatException(file, null, "expected a JSON object");
        }
        JsonNode templates = config.get("chat_template");
        String bos = tokenText(config, "bos_token", file);
        String eos = tokenText(config, "eos_token", file);
        if (templates == null || templates.isNull()) {
            throw new FormatException(file, "chat_template", "missing: this tokenizer has no chat template");
        }
        if (templates.isTextual()) {
            if (name != null && !name.equals(DEFAULT_NAME)) {
                throw new FormatException(file, "chat_template",
                        "holds a single template, so there is none named \"" + name + "\"");
            }
            return ChatTemplate.fromFile(templates.asText(), bos, eos, file, "chat_template");
        }
        if (!templates.isArray()) {
            throw new FormatException(file, "chat_template", "expected a string or a list of {name, template}");
        }
        String wanted = name == null ? DEFAULT_NAME : name;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < templates.size(); i++) {
            JsonNode entry = templates.get(i);
            JsonNode entryName = entry.get("name");
            JsonNode template = entry.get("template");
            if (entryName == null || !entryName.isTextual() || template == null || !template.isTextual()) {
                throw new FormatException(file, "chat_template[" + i + "]",
                        "expected {\"name\": string, \"template\": string}");
            }
            if (entryName.asText().equals(wanted)) {
                String field = "chat_template[" + i + "] (" + wanted + ")";
                return ChatTemplate.fromFile(template.asText(), bos, eos, file, field);
            }
            names.add(entryName.asText());
        }
        throw new FormatException(file, "chat_template", "no template named \"" + wanted + "\" among " + names);
    }

    /** A special token's text: a string, an added-token object's {@code content}, or null when absent. */
    private static String tokenText(JsonNode config, String field, Path file) {
        JsonNode token = config.get(field);
        if (token == null || token.isNull()) {
            return null;
        }
        if (token.isTextual()) {
            return token.asText();
        }
        JsonNode content = token.get("content");
        if (token.isObject() && content != null && content.isTextual()) {
            return content.asText();
        }
        throw new FormatException(file, field,
                "expected a string or an object with a string \"content\", found " + token);
    }
}
