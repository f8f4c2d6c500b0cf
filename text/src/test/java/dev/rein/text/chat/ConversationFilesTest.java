package dev.rein.text.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversations read from JSON files: both layouts, every content form, extra fields, and errors by field. */
class ConversationFilesTest {
    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("conversation.json"), json);
    }

    @Test
    void readsAListOfMessagesWithEveryContentForm() throws IOException {
        List<ChatMessage> messages = ConversationFiles.read(write("""
                [{"role": "system", "content": "Be brief."},
                 {"role": "user", "content": [{"type": "image"}, {"type": "text", "text": "What is this?"}]},
                 {"role": "assistant", "content": "A cat.", "reasoning_content": "Whiskers.", "score": 0.5},
                 {"role": "assistant", "content": null, "tool_calls": [{"name": "f", "arguments": {"x": 1}}]}]"""));
        assertEquals(ChatMessage.system("Be brief."), messages.get(0));
        assertEquals(ChatMessage.ofParts("user", List.of(ContentPart.ofType("image"), ContentPart.text("What is this?"))),
                messages.get(1));
        assertEquals(ChatMessage.assistant("A cat.").withField("reasoning_content", "Whiskers.").withField("score", 0.5),
                messages.get(2));
        assertEquals(new ChatMessage("assistant", null, null,
                Map.of("tool_calls", List.of(Map.of("name", "f", "arguments", Map.of("x", 1))))), messages.get(3));
    }

    @Test
    void readsAnObjectWithMessages() throws IOException {
        List<ChatMessage> messages = ConversationFiles.read(write("""
                {"id": 7, "messages": [{"role": "user", "content": "Hi"}]}"""));
        assertEquals(List.of(ChatMessage.user("Hi")), messages);
    }

    @Test
    void parsesOneConversationOfAFileHoldingManyWithItsPlaceInErrors() throws IOException {
        Path file = dir.resolve("chats.jsonl");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(List.of(ChatMessage.user("Hi")), ConversationFiles.parse(file, "line 2",
                json.readTree("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}")));
        assertEquals(file + ": line 3[0].role: missing (required)", assertThrows(FormatException.class,
                () -> ConversationFiles.parse(file, "line 3", json.readTree("[{\"content\": \"b\"}]"))).getMessage());
    }

    @Test
    void errorsNameTheFileAndTheField() throws IOException {
        Path noRole = write("[{\"role\": \"user\", \"content\": \"a\"}, {\"content\": \"b\"}]");
        assertEquals(noRole + ": [1].role: missing (required)",
                assertThrows(FormatException.class, () -> ConversationFiles.read(noRole)).getMessage());

        Path badContent = write("{\"messages\": [{\"role\": \"user\", \"content\": 3}]}");
        assertEquals(badContent + ": messages[0].content: expected a string, a list of parts or null, found 3",
                assertThrows(FormatException.class, () -> ConversationFiles.read(badContent)).getMessage());

        Path badPart = write("[{\"role\": \"user\", \"content\": [{\"text\": \"x\"}]}]");
        assertEquals(badPart + ": [0].content[0].type: missing (required)",
                assertThrows(FormatException.class, () -> ConversationFiles.read(badPart)).getMessage());

        Path notAConversation = write("\"hello\"");
        assertEquals(notAConversation + ": expected a list of messages or an object with \"messages\", found \"hello\"",
                assertThrows(FormatException.class, () -> ConversationFiles.read(notAConversation)).getMessage());
    }
}
