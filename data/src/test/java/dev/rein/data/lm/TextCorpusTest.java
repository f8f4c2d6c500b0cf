package dev.rein.data.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.formats.FormatException;
import dev.rein.text.chat.ChatMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents from plain text (three ways to split) and JSON Lines, and errors that name the line. */
class TextCorpusTest {
    @TempDir
    Path dir;

    @Test
    void plainTextSplitsByLineParagraphOrDocument() throws IOException {
        Path file = Files.writeString(dir.resolve("corpus.txt"), "One fish.\nTwo fish.\r\n\n  \nRed fish.\n");
        assertEquals(List.of("One fish.", "Two fish.", "Red fish."),
                TextCorpus.read(file, "text", TextCorpus.Split.LINE));
        assertEquals(List.of("One fish.\nTwo fish.", "Red fish."),
                TextCorpus.read(file, "text", TextCorpus.Split.PARAGRAPH));
        assertEquals(List.of("One fish.\nTwo fish.\n\n  \nRed fish."),
                TextCorpus.read(file, "text", TextCorpus.Split.DOCUMENT));
    }

    @Test
    void jsonLinesGiveOneDocumentPerRowFromTheNamedField() throws IOException {
        Path file = Files.writeString(dir.resolve("corpus.jsonl"),
                "{\"story\": \"A cat sat.\", \"words\": 3}\n\n{\"story\": \"A dog ran.\"}\n");
        assertEquals(List.of("A cat sat.", "A dog ran."), TextCorpus.read(file, "story", TextCorpus.Split.LINE));
    }

    @Test
    void malformedRowsNameTheFileLineAndField() throws IOException {
        Path missing = Files.writeString(dir.resolve("missing.jsonl"), "{\"text\": \"a\"}\n{\"body\": \"b\"}\n");
        assertEquals(missing + ": line 2.text: missing (required)", assertThrows(FormatException.class,
                () -> TextCorpus.read(missing, "text", TextCorpus.Split.LINE)).getMessage());

        Path number = Files.writeString(dir.resolve("number.jsonl"), "{\"text\": 3}\n");
        assertEquals(number + ": line 1.text: expected a string, found 3", assertThrows(FormatException.class,
                () -> TextCorpus.read(number, "text", TextCorpus.Split.LINE)).getMessage());

        Path broken = Files.writeString(dir.resolve("broken.jsonl"), "{\"text\": \"a\"}\n{\"text\": \n");
        String message = assertThrows(FormatException.class,
                () -> TextCorpus.read(broken, "text", TextCorpus.Split.LINE)).getMessage();
        assertEquals(broken + ": line 2: not valid JSON", message.substring(0, message.indexOf(" JSON") + 5));
    }

    @Test
    void chatRowsAreConversations() throws IOException {
        Path file = Files.writeString(dir.resolve("chats.jsonl"), """
                [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]
                {"messages": [{"role": "user", "content": "Bye"}]}
                """);
        assertEquals(List.of(List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello")),
                List.of(ChatMessage.user("Bye"))), ChatCorpus.read(file));

        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"messages\": [{\"content\": \"x\"}]}\n");
        assertEquals(bad + ": line 1.messages[0].role: missing (required)",
                assertThrows(FormatException.class, () -> ChatCorpus.read(bad)).getMessage());
    }
}
