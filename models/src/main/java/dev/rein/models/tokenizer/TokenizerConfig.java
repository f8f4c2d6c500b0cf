package dev.rein.models.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.models.FormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Hugging Face's tokenizer_config.json adds to tokenizer.json: the names of the BOS, EOS, padding and
 * unknown tokens, whether BOS and EOS are added when encoding, and the chat template (a Jinja source, kept
 * raw for the chat-template renderer). Every field is null when the file does not set it.
 *
 * @param bosToken     the beginning-of-sequence token, e.g. {@code <s>}
 * @param eosToken     the end-of-sequence token, e.g. {@code </s>} or {@code <|im_end|>}
 * @param padToken     the padding token
 * @param unkToken     the unknown token
 * @param addBosToken  {@code add_bos_token}: whether encoding with special tokens starts with BOS
 * @param addEosToken  {@code add_eos_token}: whether encoding with special tokens ends with EOS
 * @param chatTemplate the Jinja chat template
 */
public record TokenizerConfig(String bosToken, String eosToken, String padToken, String unkToken,
                              Boolean addBosToken, Boolean addEosToken, String chatTemplate) {
    static final String FILE_NAME = "tokenizer_config.json";
    static final String CHAT_TEMPLATE_FILE_NAME = "chat_template.jinja";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A configuration that sets nothing. */
    public static TokenizerConfig empty() {
        return new TokenizerConfig(null, null, null, null, null, null, null);
    }

    /**
     * The configuration in {@code directory}: tokenizer_config.json when present, with the chat template of
     * chat_template.jinja (newer checkpoints keep it there) when the JSON has none.
     */
    static TokenizerConfig readFrom(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        TokenizerConfig config = Files.isRegularFile(file) ? read(file) : empty();
        Path templateFile = directory.resolve(CHAT_TEMPLATE_FILE_NAME);
        if (config.chatTemplate() == null && Files.isRegularFile(templateFile)) {
            try {
                String template = Files.readString(templateFile);
                config = new TokenizerConfig(config.bosToken, config.eosToken, config.padToken, config.unkToken,
                        config.addBosToken, config.addEosToken, template);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + templateFile, e);
            }
        }
        return config;
    }

    private static TokenizerConfig read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new FormatException(file, null, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        JsonFields json = new JsonFields(file);
        json.object(root, "");
        return new TokenizerConfig(token(root, "bos_token", json), token(root, "eos_token", json),
                token(root, "pad_token", json), token(root, "unk_token", json),
                flag(root, "add_bos_token", json), flag(root, "add_eos_token", json), chatTemplate(root, json));
    }

    /** A token written as a string or as an AddedToken object {@code {"content": ...}}. */
    private static String token(JsonNode root, String name, JsonFields json) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) return null;
        if (value.isTextual()) return value.textValue();
        if (value.isObject()) return json.string(value, name, "content");
        throw json.problem(name, "expected a string or an object with \"content\", found " + value);
    }

    private static Boolean flag(JsonNode root, String name, JsonFields json) {
        JsonNode value = root.get(name);
        return value == null || value.isNull() ? null : json.optionalBoolean(root, "", name, false);
    }

    /** A template string, or the one named "default" in a list of {@code {"name", "template"}} objects. */
    private static String chatTemplate(JsonNode root, JsonFields json) {
        JsonNode value = root.get("chat_template");
        if (value == null || value.isNull()) return null;
        if (value.isTextual()) return value.textValue();
        for (JsonNode named : json.array(value, "chat_template")) {
            if ("default".equals(named.path("name").asText(null))) {
                return json.string(named, "chat_template[default]", "template");
            }
        }
        return null;
    }
}
