package dev.rein.text.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Llama 3 template of ../shared/tokenizers/llama3 (the base model's, which ends every render with an
 * assistant header whatever {@code add_generation_prompt} says):
 * <pre>
 * {% set loop_messages = messages %}{% for message in loop_messages %}
 *   {% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'
 *                    + message['content'] | trim + '<|eot_id|>' %}
 *   {% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}
 * {% endfor %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}
 * </pre>
 * (one line in the file; the two newlines are real newlines inside the string literals). Each message renders
 * as header + trimmed content + {@code <|eot_id|>} — the filter binds tighter than {@code +}, so only the content
 * is trimmed — the first prefixed by {@code <|begin_of_text|>}. There is no text between tags, so trim_blocks and
 * lstrip_blocks change nothing.
 */
class Llama3ChatTemplateTest {
    private static final String BOS = "<|begin_of_text|>";
    private static final String HEADER_END = "<|end_header_id|>\n\n";

    @Test
    void specialTokensComeFromTheConfig() {
        ChatTemplate template = RealTemplates.load("llama3");
        assertEquals(BOS, template.bosToken());
        assertEquals("<|end_of_text|>", template.eosToken());
    }

    @Test
    void systemAndUserEndWithTheAssistantHeader() {
        // BOS + system turn + user turn (content "  Hello!  " trimmed) + the unconditional assistant header.
        String expected = BOS
                + "<|start_header_id|>system" + HEADER_END + "You are a helpful assistant.<|eot_id|>"
                + "<|start_header_id|>user" + HEADER_END + "Hello!<|eot_id|>"
                + "<|start_header_id|>assistant" + HEADER_END;
        List<ChatMessage> messages = List.of(
                ChatMessage.system("You are a helpful assistant."), ChatMessage.user("  Hello!  "));
        ChatTemplate template = RealTemplates.load("llama3");
        assertEquals(expected, template.render(messages, ChatRenderOptions.forReply()));
        // This template ignores add_generation_prompt: the header is emitted either way.
        assertEquals(expected, template.render(messages, ChatRenderOptions.transcript()));
    }

    @Test
    void multiTurnConversation() {
        // user / assistant / user: three turns, BOS before the first only, then the assistant header.
        String expected = BOS
                + "<|start_header_id|>user" + HEADER_END + "What is 2+2?<|eot_id|>"
                + "<|start_header_id|>assistant" + HEADER_END + "4<|eot_id|>"
                + "<|start_header_id|>user" + HEADER_END + "And 3+3?<|eot_id|>"
                + "<|start_header_id|>assistant" + HEADER_END;
        List<ChatMessage> messages = List.of(
                ChatMessage.user("What is 2+2?"), ChatMessage.assistant("4\n"), ChatMessage.user("And 3+3?"));
        assertEquals(expected, RealTemplates.load("llama3").render(messages, ChatRenderOptions.transcript()));
    }
}
