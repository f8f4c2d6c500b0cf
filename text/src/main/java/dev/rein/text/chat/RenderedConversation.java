package dev.rein.text.chat;

import java.util.List;

/**
 * A conversation rendered by its chat template (without the generation prompt), with the span of each assistant
 * reply in it, in message order. See {@link AssistantSpans}.
 */
public record RenderedConversation(String text, List<CharSpan> assistantSpans) {
    public RenderedConversation {
        assistantSpans = List.copyOf(assistantSpans);
    }
}
