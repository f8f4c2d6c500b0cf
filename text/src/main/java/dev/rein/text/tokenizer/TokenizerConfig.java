package dev.rein.text.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.formats.FormatException;
import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Hugging Face's tokenizer_config.json adds to tokenizer.json: the names of the BOS, EOS, padding and
 * unknown tokens, whether BOS and EOS are added when encoding, and the chat templates (Jinja sources, kept raw;
 * {@link dev.rein.text.chat.ChatTemplateLoader} builds templates from them). This is the one reader of that
 * file. Each token field is null when the file does not set it.
 *
 * @param file              the tokenizer_config.json read, or null when there is none
 * @param bosToken          the beginning-of-sequence token, e.g. {@code <s>}
 * @param eosToken          the end-of-sequence token, e.g. {@code </s>} or {@code <|im_end|>}
 * @param padToken          the padding token
 * @param unkToken          the unknown token
 * @param addBosToken       {@code add_bos_token}: whether encoding with special tokens starts with BOS
 * @param addEosToken       {@code add_eos_token}: whether encoding with special tokens ends with EOS
 * @param chatTemplates     the chat templates by name, in file order: {@code chat_template} holds one template,
 *                          named {@value #DEFAULT_TEMPLATE}, or a list of {@code {"name", "template"}} objects;
 *                          chat_template.jinja beside the file (newer checkpoints keep the template there)
 *                          supplies {@value #DEFAULT_TEMPLATE} when the JSON has none
 * @param chatTemplateJinja the chat_template.jinja that supplied the {@value #DEFAULT_TEMPLATE} template, or null
 */
public record TokenizerConfig(Path file, String bosToken, String eosToken, String padToken, String unkToken,
                              Boolean addBosToken, Boolean addEosToken, Map<String, String> chatTemplates,
                              Path chatTemplateJinja) {
    /** The file name of a tokenizer's configuration. */
    public static final String FILE_NAME = "tokenizer_config.json";
    /** The file name of a chat template kept outside the configuration. */
    public static final String CHAT_TEMPLATE_FILE_NAME = "chat_template.jinja";
    /** The name of the chat template used when none is asked for. */
    public static final String DEFAULT_TEMPLATE = "default";
    /** The JSON field of the chat templates. */
    public static final String CHAT_TEMPLATE_FIELD = "chat_template";

    public TokenizerConfig {
        chatTemplates = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(chatTemplates));
    }

    /** The chat template named {@value #DEFAULT_TEMPLATE}, or null when there is none. */
    public String chatTemplate() {
        return chatTemplates.get(DEFAULT_TEMPLATE);
    }

    /**
     * Reads a tokenizer_config.json, given itself or the folder holding it, with chat_template.jinja beside it. A
     * folder without tokenizer_config.json gives a configuration that sets nothing but what chat_template.jinja
     * holds.
     *
     * @throws FormatException when the path does not exist, or the file is not JSON or holds a field of the
     *                         wrong type
     */
    public static TokenizerConfig read(Path folderOrTokenizerConfigJson) {
        Path path = folderOrTokenizerConfigJson;
        Path file;
        Path folder;
        if (Files.isDirectory(path)) {
            folder = path;
            file = Files.isRegularFile(path.resolve(FILE_NAME)) ? path.resolve(FILE_NAME) : null;
        } else if (Files.isRegularFile(path)) {
            folder = path.toAbsolutePath().getParent();
            file = path;
        } else {
            throw new FormatException(path, null, "no such file or folder");
        }
        try {
            return read(file, folder.resolve(CHAT_TEMPLATE_FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static TokenizerConfig read(Path file, Path jinja) throws IOException {
        JsonFields config = file == null ? null : JsonFiles.readObject(file);
        Map<String, String> templates = config == null ? new LinkedHashMap<>() : chatTemplates(config);
        Path jinjaUsed = null;
        if (!templates.containsKey(DEFAULT_TEMPLATE) && Files.isRegularFile(jinja)) {
            templates.put(DEFAULT_TEMPLATE, Files.readString(jinja));
            jinjaUsed = jinja;
        }
        if (config == null) {
            return new TokenizerConfig(null, null, null, null, null, null, null, templates, jinjaUsed);
        }
        return new TokenizerConfig(file, token(config, "bos_token"), token(config, "eos_token"),
                token(config, "pad_token"), token(config, "unk_token"),
                config.optionalBool("add_bos_token").orElse(null), config.optionalBool("add_eos_token").orElse(null),
                templates, jinjaUsed);
    }

    /** A token written as a string or as an AddedToken object {@code {"content": ...}}. */
    private static String token(JsonFields config, String name) {
        JsonNode value = config.value(name);
        if (value == null) return null;
        if (value.isTextual()) return value.textValue();
        if (value.isObject()) return config.object(name).string("content");
        throw config.wrongType(name, "a string or an object with a string \"content\"");
    }

    /** One template string, or a list of {@code {"name", "template"}} objects. */
    private static Map<String, String> chatTemplates(JsonFields config) {
        Map<String, String> templates = new LinkedHashMap<>();
        JsonNode value = config.value(CHAT_TEMPLATE_FIELD);
        if (value == null) return templates;
        if (value.isTextual()) {
            templates.put(DEFAULT_TEMPLATE, value.textValue());
            return templates;
        }
        if (!value.isArray()) {
            throw config.wrongType(CHAT_TEMPLATE_FIELD, "a string or a list of {name, template}");
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode name = value.get(i).get("name");
            JsonNode template = value.get(i).get("template");
            if (name == null || !name.isTextual() || template == null || !template.isTextual()) {
                throw config.error(CHAT_TEMPLATE_FIELD + "[" + i + "]",
                        "expected {\"name\": string, \"template\": string}");
            }
            templates.put(name.textValue(), template.textValue());
        }
        return templates;
    }
}
