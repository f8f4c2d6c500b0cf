package dev.rein.cli;

import dev.rein.text.chat.AssistantSpans;
import dev.rein.text.chat.CharSpan;
import dev.rein.text.chat.ChatMessage;
import dev.rein.text.chat.ChatRenderOptions;
import dev.rein.text.chat.ChatTemplate;
import dev.rein.text.chat.ChatTemplateException;
import dev.rein.text.chat.ChatTemplateLoader;
import dev.rein.text.chat.ConversationFiles;
import dev.rein.text.chat.RenderedConversation;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A conversation file rendered with a tokenizer's chat template for the command line, with the character spans of
 * its assistant replies; template and span failures become one-line user errors that say what to change.
 */
record ChatPrompt(String text, List<CharSpan> assistantSpans) {

    static ChatPrompt render(Tokenizer tokenizer, Path conversation, String templateName, String endOfTurn,
                             ChatRenderOptions options) throws IOException {
        if (!Files.isRegularFile(conversation)) throw new UserError("--chat " + conversation + ": no such file");
        List<ChatMessage> messages = ConversationFiles.read(conversation);
        ChatTemplate template = ChatTemplateLoader.of(tokenizer.tokenizerConfig(), templateName);
        String marker = endOfTurn != null ? endOfTurn : template.eosToken();
        try {
            if (messages.stream().noneMatch(message -> message.role().equals("assistant"))) {
                return new ChatPrompt(template.render(messages, options), List.of());
            }
            if (marker == null) {
                throw new UserError("--chat: the tokenizer has no EOS token; say what ends an assistant turn with --end-of-turn");
            }
            RenderedConversation conversationOnly = AssistantSpans.find(template, messages, marker,
                    ChatRenderOptions.transcript());
            // Without a generation prompt the conversation is already rendered; render again only to add one.
            String text = options.addGenerationPrompt() ? template.render(messages, options) : conversationOnly.text();
            if (!text.startsWith(conversationOnly.text())) {
                throw new UserError("--chat: with --add-generation-prompt this template changes the earlier turns, "
                        + "so assistant replies cannot be marked; leave the option out to see them");
            }
            return new ChatPrompt(text, conversationOnly.assistantSpans());
        } catch (ChatTemplateException e) {
            throw new UserError("--chat " + conversation + ": the chat template refuses this conversation: "
                    + e.templateMessage());
        } catch (IllegalArgumentException e) {
            throw new UserError("--chat " + conversation + ": " + e.getMessage()
                    + (endOfTurn == null ? " (the end of a turn was taken to be the EOS token " + marker
                    + "; give another with --end-of-turn)" : ""));
        }
    }
}
