package dev.rein.text.chat;

import dev.rein.formats.FormatException;
import java.nio.file.Path;

/**
 * A conversation the chat template refuses: the template called {@code raise_exception(message)}, as Gemma's does
 * when roles do not alternate user/assistant. The message names the template's file and field, as a
 * {@link FormatException} does, and quotes the template.
 */
public final class ChatTemplateException extends IllegalArgumentException {
    private final String templateMessage;

    ChatTemplateException(Path file, String field, String templateMessage) {
        super(FormatException.describe(file, field, "the template rejected the conversation: " + templateMessage));
        this.templateMessage = templateMessage;
    }

    /** The message the template passed to {@code raise_exception}. */
    public String templateMessage() {
        return templateMessage;
    }
}
