package dev.rein.text.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Assistant spans in conversations rendered by the three real templates (the rendered texts are derived in the
 * template tests): each span must hold exactly the reply and its end-of-turn marker, and start where the prompt
 * for it ends.
 */
class AssistantSpansTest {

    /** The text of each span, and the text before each span. */
    private static void assertSpans(RenderedConversation rendered, List<String> prompts, List<String> replies) {
        assertEquals(replies.size(), rendered.assistantSpans().size());
        for (int i = 0; i < replies.size(); i++) {
            CharSpan span = rendered.assistantSpans().get(i);
            assertEquals(prompts.get(i), rendered.text().substring(0, span.start()), "prompt of reply " + i);
            assertEquals(replies.get(i), rendered.text().substring(span.start(), span.end()), "reply " + i);
        }
    }

    @Test
    void llama3RepliesEndAtEotId() {
        String header = "<|end_header_id|>\n\n";
        String prompt1 = "<|begin_of_text|><|start_header_id|>system" + header + "Be brief.<|eot_id|>"
                + "<|start_header_id|>user" + header + "Hi<|eot_id|><|start_header_id|>assistant" + header;
        String prompt2 = prompt1 + "Hello!<|eot_id|><|start_header_id|>user" + header + "Bye<|eot_id|>"
                + "<|start_header_id|>assistant" + header;
        List<ChatMessage> messages = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi"),
                ChatMessage.assistant("Hello! "), ChatMessage.user("Bye"), ChatMessage.assistant("Ciao"));
        ChatTemplate template = RealTemplates.load("llama3");
        RenderedConversation rendered = AssistantSpans.find(
                template, messages, "<|eot_id|>", ChatRenderOptions.transcript());
        // The template always ends with an assistant header; it is not part of the last reply.
        assertEquals(prompt2 + "Ciao<|eot_id|><|start_header_id|>assistant" + header, rendered.text());
        assertSpans(rendered, List.of(prompt1, prompt2), List.of("Hello!<|eot_id|>", "Ciao<|eot_id|>"));
    }

    @Test
    void llama3NeedsItsEndOfTurnMarkerSinceItsEosTokenIsAnother() {
        List<ChatMessage> messages = List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello"));
        ChatTemplate template = RealTemplates.load("llama3");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> AssistantSpans.find(template, messages));
        assertTrue(error.getMessage().contains("<|end_of_text|>"), error.getMessage());
    }

    @Test
    void qwen3RepliesIncludeTheThinkingShownForTheLastTurnOnly() {
        List<ChatMessage> messages = QwenConversations.twoTurnsWithThinking();
        ChatTemplate template = RealTemplates.load("qwen3");
        RenderedConversation rendered = AssistantSpans.find(template, messages);
        // Rendered alone, the first reply is the last message and shows its thinking; in the whole
        // conversation it does not: the conversation so far is not a prefix of the whole one.
        assertFalse(rendered.text().startsWith(template.render(messages.subList(0, 2),
                ChatRenderOptions.transcript())));
        String prompt1 = "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n";
        String prompt2 = prompt1 + "4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n<|im_start|>assistant\n";
        assertSpans(rendered, List.of(prompt1, prompt2),
                List.of("4<|im_end|>", "<think>\nAgain.\n</think>\n\n6<|im_end|>"));
    }

    @Test
    void gemma3RepliesOfTrimmedContent() {
        String prompt1 = "<bos><start_of_turn>user\nYou are Gemma.\n\nHi<end_of_turn>\n<start_of_turn>model\n";
        String prompt2 = prompt1 + "Hello!<end_of_turn>\n<start_of_turn>user\nBye<end_of_turn>\n<start_of_turn>model\n";
        List<ChatMessage> messages = List.of(ChatMessage.system("You are Gemma."), ChatMessage.user("Hi"),
                ChatMessage.assistant(" Hello! "), ChatMessage.user("Bye"),
                ChatMessage.ofParts("assistant", List.of(ContentPart.text("Ciao "))));
        RenderedConversation rendered = AssistantSpans.find(RealTemplates.load("gemma3"), messages);
        assertEquals(prompt2 + "Ciao<end_of_turn>\n", rendered.text());
        assertSpans(rendered, List.of(prompt1, prompt2), List.of("Hello!<end_of_turn>", "Ciao<end_of_turn>"));
    }

    @Test
    void replyRenderedTwiceCannotBeLocated() {
        ChatTemplate template = ChatTemplate.of("{% for m in messages %}{{ m.content }}{{ m.content }}</s>{% endfor %}",
                null, "</s>");
        List<ChatMessage> messages = List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello"));
        assertThrows(IllegalArgumentException.class, () -> AssistantSpans.find(template, messages));
    }

    @Test
    void promptThatIsNotAPrefixOfTheConversationIsAnError() {
        // The message count comes first, so the prompt for a reply never starts the whole conversation.
        ChatTemplate template = ChatTemplate.of("{{ messages | length }}{% for m in messages %}{{ m.content }}</s>"
                + "{% endfor %}", null, "</s>");
        List<ChatMessage> messages = List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello"));
        assertThrows(IllegalArgumentException.class, () -> AssistantSpans.find(template, messages));
    }
}
