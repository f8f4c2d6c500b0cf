package dev.rein.data.lm;

import dev.rein.formats.FormatException;
import dev.rein.text.chat.ChatMessage;
import dev.rein.text.chat.ConversationFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Conversations from a JSON Lines file, one per row, each a list of messages or an object whose {@code messages}
 * field is that list (the forms {@link ConversationFiles} reads), for {@link ChatExamples}.
 */
public final class ChatCorpus {
    private ChatCorpus() {
    }

    /**
     * Every row's conversation.
     *
     * @throws FormatException naming the line and field of a malformed message
     * @throws IOException     when the file cannot be read
     */
    public static List<List<ChatMessage>> read(Path file) throws IOException {
        return JsonLines.read(file, (row, where) -> ConversationFiles.parse(file, where, row));
    }
}
