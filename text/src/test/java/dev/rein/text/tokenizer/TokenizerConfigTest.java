package dev.rein.text.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading tokenizer_config.json (and chat_template.jinja beside it). */
class TokenizerConfigTest {
    @TempDir
    Path directory;

    private Path config(String json) {
        return TokenizerFiles.write(directory, TokenizerConfig.FILE_NAME, json);
    }

    @Test
    void tokensAsStringsOrAddedTokenObjectsAndFlags() {
        Path file = config("""
                {"bos_token": {"__type": "AddedToken", "content": "<s>", "lstrip": false}, "eos_token": "</s>",
                 "pad_token": null, "add_bos_token": true}""");
        TokenizerConfig config = TokenizerConfig.read(file);
        assertEquals(file, config.file());
        assertEquals("<s>", config.bosToken());
        assertEquals("</s>", config.eosToken());
        assertNull(config.padToken());
        assertNull(config.unkToken());
        assertEquals(Boolean.TRUE, config.addBosToken());
        assertNull(config.addEosToken());
        assertEquals(Map.of(), config.chatTemplates());
        assertNull(config.chatTemplate());
    }

    @Test
    void oneTemplateIsNamedDefault() {
        config("{\"chat_template\": \"{{ messages }}\"}");
        TokenizerConfig config = TokenizerConfig.read(directory);
        assertEquals(Map.of("default", "{{ messages }}"), config.chatTemplates());
        assertEquals("{{ messages }}", config.chatTemplate());
        assertNull(config.chatTemplateJinja());
    }

    @Test
    void namedTemplatesKeepTheirFileOrder() {
        config("""
                {"chat_template": [{"name": "tool_use", "template": "T"}, {"name": "default", "template": "D"},
                                   {"name": "rag", "template": "R"}]}""");
        TokenizerConfig config = TokenizerConfig.read(directory);
        assertEquals(List.of("tool_use", "default", "rag"), List.copyOf(config.chatTemplates().keySet()));
        assertEquals("D", config.chatTemplate());
    }

    @Test
    void chatTemplateJinjaSuppliesTheDefaultWhenTheJsonHasNone() {
        Path jinja = TokenizerFiles.write(directory, TokenizerConfig.CHAT_TEMPLATE_FILE_NAME, "J");
        config("{\"chat_template\": [{\"name\": \"tool_use\", \"template\": \"T\"}]}");
        TokenizerConfig config = TokenizerConfig.read(directory);
        assertEquals(Map.of("tool_use", "T", "default", "J"), config.chatTemplates());
        assertEquals(jinja, config.chatTemplateJinja());

        config("{\"chat_template\": \"D\"}");
        assertEquals("D", TokenizerConfig.read(directory).chatTemplate());
        assertNull(TokenizerConfig.read(directory).chatTemplateJinja());
    }

    @Test
    void aFolderWithoutTheFileSetsNothing() {
        TokenizerConfig config = TokenizerConfig.read(directory);
        assertNull(config.file());
        assertNull(config.bosToken());
        assertEquals(Map.of(), config.chatTemplates());
    }

    @Test
    void malformedFilesNameFileAndField() {
        Path file = config("{\"chat_template\": [{\"name\": \"default\"}]}");
        FormatException entry = assertThrows(FormatException.class, () -> TokenizerConfig.read(file));
        assertEquals(file + ": chat_template[0]: expected {\"name\": string, \"template\": string}",
                entry.getMessage());
        config("{\"chat_template\": 3}");
        FormatException templates = assertThrows(FormatException.class, () -> TokenizerConfig.read(file));
        assertEquals(file + ": chat_template: expected a string or a list of {name, template}, found 3",
                templates.getMessage());
        config("{\"eos_token\": 7}");
        FormatException token = assertThrows(FormatException.class, () -> TokenizerConfig.read(file));
        assertEquals("eos_token", token.field());
        config("{\"add_bos_token\": \"yes\"}");
        FormatException flag = assertThrows(FormatException.class, () -> TokenizerConfig.read(file));
        assertTrue(flag.getMessage().endsWith("add_bos_token: expected true or false, found \"yes\""),
                flag.getMessage());
        config("{");
        assertTrue(assertThrows(FormatException.class, () -> TokenizerConfig.read(file)).getMessage()
                .startsWith(file + ": not valid JSON at line 1"));
        FormatException absent = assertThrows(FormatException.class,
                () -> TokenizerConfig.read(directory.resolve("absent.json")));
        assertEquals(directory.resolve("absent.json"), absent.file());
    }
}
