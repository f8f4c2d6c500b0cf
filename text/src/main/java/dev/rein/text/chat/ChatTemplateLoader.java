package dev.rein.text.chat;

import dev.rein.formats.FormatException;
import dev.rein.text.tokenizer.TokenizerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds the chat template of a tokenizer from its {@link TokenizerConfig} (tokenizer_config.json, and
 * chat_template.jinja beside it), with the config's BOS and EOS token texts. A config may hold several templates
 * by name; the one named {@code default} is taken unless a name is asked for. (Python's
 * {@code apply_chat_template} also switches to a template named {@code tool_use} when tools are passed; here that
 * template is chosen by name.)
 */
public final class ChatTemplateLoader {
    private static final String FIELD = TokenizerConfig.CHAT_TEMPLATE_FIELD;

    private ChatTemplateLoader() {
    }

    /** The default chat template of a tokenizer folder or of its {@code tokenizer_config.json}. */
    public static ChatTemplate load(Path folderOrTokenizerConfigJson) {
        return load(folderOrTokenizerConfigJson, null);
    }

    /**
     * The chat template with the given name (the default one when {@code name} is null) of a tokenizer folder or
     * of its {@code tokenizer_config.json}.
     *
     * @throws FormatException when there is no such file or folder, the configuration is malformed, there is no
     *                         chat template or none of that name, or the template's blocks do not parse
     */
    public static ChatTemplate load(Path folderOrTokenizerConfigJson, String name) {
        TokenizerConfig config = TokenizerConfig.read(folderOrTokenizerConfigJson);
        if (config.file() == null && config.chatTemplateJinja() == null) {
            throw new FormatException(folderOrTokenizerConfigJson, null, "holds neither "
                    + TokenizerConfig.FILE_NAME + " nor " + TokenizerConfig.CHAT_TEMPLATE_FILE_NAME);
        }
        return of(config, name);
    }

    /**
     * The chat template of {@code config} with the given name, or the default one when {@code name} is null.
     *
     * @throws FormatException when the config has no chat template or none of that name, or the template's
     *                         blocks do not parse
     */
    public static ChatTemplate of(TokenizerConfig config, String name) {
        String wanted = name == null ? TokenizerConfig.DEFAULT_TEMPLATE : name;
        Map<String, String> templates = config.chatTemplates();
        String source = templates.get(wanted);
        if (source == null) throw notFound(config, wanted);
        if (wanted.equals(TokenizerConfig.DEFAULT_TEMPLATE) && config.chatTemplateJinja() != null) {
            return ChatTemplate.fromFile(source, config.bosToken(), config.eosToken(), config.chatTemplateJinja(),
                    null);
        }
        return ChatTemplate.fromFile(source, config.bosToken(), config.eosToken(), config.file(),
                field(templates, wanted));
    }

    private static FormatException notFound(TokenizerConfig config, String wanted) {
        Map<String, String> templates = config.chatTemplates();
        if (templates.isEmpty()) {
            return new FormatException(config.file(), FIELD, "missing: this tokenizer has no chat template");
        }
        if (templates.size() == 1 && templates.containsKey(TokenizerConfig.DEFAULT_TEMPLATE)) {
            return new FormatException(config.file(), FIELD,
                    "holds a single template, so there is none named \"" + wanted + "\"");
        }
        return new FormatException(config.file(), FIELD,
                "no template named \"" + wanted + "\" among " + templates.keySet());
    }

    /** Where a template stands in tokenizer_config.json, e.g. {@code chat_template[1] (tool_use)}. */
    private static String field(Map<String, String> templates, String name) {
        if (templates.size() == 1) return FIELD;
        return FIELD + "[" + List.copyOf(templates.keySet()).indexOf(name) + "] (" + name + ")";
    }
}
