package dev.rein.models.chat;

/**
 * A conversation the chat template refuses: the template called {@code raise_exception(message)}, as Gemma's does
 * when roles do not alternate user/assistant. The message names the template's source and quotes the template.
 */
public final class ChatTemplateException extends IllegalArgumentException {
    private final String templateMessage;

    ChatTemplateException(String source, String templateMessage) {
        super("chat template " + source + " rejected the conversation: " + templateMessage);
        this.templateMessage = templateMessage;
    }

    /** The message the template passed to {@code raise_exception}. */
    public String templateMessage() {
        return templateMessage;
    }
}
