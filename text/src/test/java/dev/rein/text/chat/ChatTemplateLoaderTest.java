package dev.rein.text.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import dev.rein.text.tokenizer.TokenizerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing a chat template of tokenizer_config.json (or chat_template.jinja) and building it with BOS and EOS. */
class ChatTemplateLoaderTest {
    private static final String NAMED_TEMPLATES = "[{\"name\": \"default\", \"template\": \"D{{ bos_token }}\"},"
            + " {\"name\": \"tool_use\", \"template\": \"T{{ eos_token }}\"}]";

    @TempDir
    Path folder;

    private Path config(String json) throws IOException {
        Path file = folder.resolve("tokenizer_config.json");
        Files.writeString(file, json);
        return file;
    }

    private static String render(ChatTemplate template) {
        return template.render(List.of(ChatMessage.user("x")), ChatRenderOptions.transcript());
    }

    @Test
    void namedTemplatesDefaultOrByName() throws IOException {
        Path file = config(
                "{\"bos_token\": \"<s>\", \"eos_token\": \"</s>\", \"chat_template\": " + NAMED_TEMPLATES + "}");
        assertEquals("D<s>", render(ChatTemplateLoader.load(file)));
        assertEquals("T</s>", render(ChatTemplateLoader.load(file, "tool_use")));
        FormatException missing = assertThrows(FormatException.class, () -> ChatTemplateLoader.load(file, "rag"));
        assertTrue(missing.getMessage().contains("[default, tool_use]"), missing.getMessage());
    }

    @Test
    void listWithoutDefaultNeedsAName() throws IOException {
        Path file = config("{\"chat_template\": [{\"name\": \"tool_use\", \"template\": \"T\"}]}");
        FormatException noDefault = assertThrows(FormatException.class, () -> ChatTemplateLoader.load(file));
        assertEquals(file + ": chat_template: no template named \"default\" among [tool_use]", noDefault.getMessage());
        assertEquals("T", render(ChatTemplateLoader.load(file, "tool_use")));
    }

    @Test
    void aSingleTemplateHasNoOtherName() throws IOException {
        Path file = config("{\"chat_template\": \"S\"}");
        assertEquals("S", render(ChatTemplateLoader.load(folder, "default")));
        FormatException error = assertThrows(FormatException.class, () -> ChatTemplateLoader.load(folder, "rag"));
        assertEquals(file + ": chat_template: holds a single template, so there is none named \"rag\"",
                error.getMessage());
    }

    @Test
    void fromAConfigAlreadyRead() throws IOException {
        config("{\"eos_token\": \"</s>\", \"chat_template\": " + NAMED_TEMPLATES + "}");
        TokenizerConfig config = TokenizerConfig.read(folder);
        assertEquals("D", render(ChatTemplateLoader.of(config, null)));
        assertEquals("T</s>", render(ChatTemplateLoader.of(config, "tool_use")));
    }

    @Test
    void chatTemplateJinjaBesideTheConfig() throws IOException {
        Path jinja = folder.resolve(TokenizerConfig.CHAT_TEMPLATE_FILE_NAME);
        Files.writeString(jinja, "J{{ eos_token }}");
        config("{\"eos_token\": \"</s>\"}");
        assertEquals("J</s>", render(ChatTemplateLoader.load(folder)));
        Files.writeString(jinja, "{% if true %}");
        FormatException error = assertThrows(FormatException.class, () -> ChatTemplateLoader.load(folder));
        assertEquals(jinja, error.file());
        assertNull(error.field());
    }

    @Test
    void aTemplateOfAListIsNamedByItsPlaceAndName() throws IOException {
        Path file = config("{\"chat_template\": [{\"name\": \"default\", \"template\": \"D\"},"
                + " {\"name\": \"tool_use\", \"template\": \"{% for x in y %}\"}]}");
        FormatException error = assertThrows(FormatException.class, () -> ChatTemplateLoader.load(file, "tool_use"));
        assertEquals(file, error.file());
        assertEquals("chat_template[1] (tool_use)", error.field());
    }

    @Test
    void specialTokensAsAddedTokenObjectsOrAbsent() throws IOException {
        Path file = config("{\"bos_token\": {\"__type\": \"AddedToken\", \"content\": \"<s>\", \"lstrip\": false},"
                + " \"chat_template\": \"{{ bos_token }}|{{ eos_token }}|\"}");
        ChatTemplate template = ChatTemplateLoader.load(file);
        assertEquals("<s>", template.bosToken());
        assertNull(template.eosToken());
        assertEquals("<s>||", render(template));
    }

    @Test
    void malformedConfigs() throws IOException {
        FormatException noTemplate = assertThrows(FormatException.class,
                () -> ChatTemplateLoader.load(config("{\"eos_token\": \"</s>\"}")));
        assertEquals("chat_template", noTemplate.field());
        FormatException badToken = assertThrows(FormatException.class,
                () -> ChatTemplateLoader.load(config("{\"eos_token\": 7, \"chat_template\": \"x\"}")));
        assertEquals("eos_token", badToken.field());
        FormatException badEntry = assertThrows(FormatException.class,
                () -> ChatTemplateLoader.load(config("{\"chat_template\": [{\"name\": \"default\"}]}")));
        assertEquals("chat_template[0]", badEntry.field());
        FormatException notJson = assertThrows(FormatException.class, () -> ChatTemplateLoader.load(config("{")));
        assertEquals(folder.resolve("tokenizer_config.json"), notJson.file());
        assertThrows(FormatException.class, () -> ChatTemplateLoader.load(folder.resolve("absent.json")));
        Path empty = Files.createDirectory(folder.resolve("empty"));
        FormatException noFiles = assertThrows(FormatException.class, () -> ChatTemplateLoader.load(empty));
        assertEquals(empty + ": holds neither tokenizer_config.json nor chat_template.jinja", noFiles.getMessage());
    }
}
