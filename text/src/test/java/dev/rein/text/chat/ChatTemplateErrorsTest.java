package dev.rein.text.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How malformed templates and rejected conversations are reported. */
class ChatTemplateErrorsTest {
    private static final List<ChatMessage> HELLO = List.of(ChatMessage.user("Hello"));

    @TempDir
    Path folder;

    private Path tokenizerConfig(String chatTemplateJson) throws IOException {
        Path file = folder.resolve("tokenizer_config.json");
        Files.writeString(file, "{\"eos_token\": \"</s>\", \"chat_template\": " + chatTemplateJson + "}");
        return file;
    }

    @Test
    void unclosedBlockFailsWhenLoadingAndNamesTheFile() throws IOException {
        Path file = tokenizerConfig("\"{% for m in messages %}{{ m.content }}\"");
        FormatException error = assertThrows(FormatException.class, () -> ChatTemplateLoader.load(file));
        assertEquals(file, error.file());
        assertEquals("chat_template", error.field());
        assertTrue(error.getMessage().contains("endfor"), error.getMessage());
    }

    @Test
    void unknownTagFailsWhenLoading() {
        FormatException error = assertThrows(FormatException.class,
                () -> ChatTemplate.of("{% frobnicate %}", null, null));
        assertTrue(error.getMessage().startsWith("chat_template: "), error.getMessage());
        assertTrue(error.getMessage().contains("frobnicate"), error.getMessage());
    }

    @Test
    void expressionSyntaxErrorFailsWhenRenderingWithItsLine() throws IOException {
        Path file = tokenizerConfig("\"first line\\n{{ messages[0 }}\"");
        ChatTemplate template = ChatTemplateLoader.load(file);
        FormatException error = assertThrows(FormatException.class, () -> template.render(HELLO,
                ChatRenderOptions.transcript()));
        assertEquals(file, error.file());
        assertTrue(error.getMessage().contains("line 2: "), error.getMessage());
        assertTrue(error.getMessage().contains("messages[0"), error.getMessage());
    }

    @Test
    void aRejectionByChatTemplateJinjaNamesThatFile() throws IOException {
        Path jinja = folder.resolve("chat_template.jinja");
        Files.writeString(jinja, "{{ raise_exception('No system messages') }}");
        ChatTemplate template = ChatTemplateLoader.load(folder);
        ChatTemplateException error = assertThrows(ChatTemplateException.class, () -> template.render(HELLO,
                ChatRenderOptions.transcript()));
        assertEquals(jinja + ": the template rejected the conversation: No system messages", error.getMessage());
    }

    @Test
    void failureWhileRenderingIsAFormatException() {
        ChatTemplate template = ChatTemplate.of("{{ messages[0].content.nosuchmethod() }}", null, null);
        FormatException error = assertThrows(FormatException.class, () -> template.render(HELLO,
                ChatRenderOptions.transcript()));
        assertTrue(error.getMessage().contains("nosuchmethod"), error.getMessage());
    }

    @Test
    void raiseExceptionCarriesTheTemplatesMessage() {
        ChatTemplate template = ChatTemplate.of(
                "{% if messages[0].role != 'system' %}{{ raise_exception('A system message is required') }}{% endif %}",
                null, null);
        ChatTemplateException error = assertThrows(ChatTemplateException.class, () -> template.render(HELLO,
                ChatRenderOptions.transcript()));
        assertEquals("A system message is required", error.templateMessage());
        assertEquals("chat_template: the template rejected the conversation: A system message is required",
                error.getMessage());
    }
}
