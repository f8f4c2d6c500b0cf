package dev.rein.text.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Qwen3 template of ../shared/tokenizers/qwen3. Every tag opens with {@code {%-} or {@code {{-}, so all the
 * template's own whitespace is stripped and the output is the concatenation of its {@code {{- ... }}} outputs:
 * <ul>
 *   <li>without tools, a first system message renders as {@code <|im_start|>system\n CONTENT <|im_end|>\n};</li>
 *   <li>{@code ns.last_query_index} is the index of the last user message (walking {@code messages[::-1]});</li>
 *   <li>user messages render as {@code <|im_start|>user\n CONTENT <|im_end|>\n};</li>
 *   <li>an assistant message: without a {@code reasoning_content} field but with {@code </think>} in its
 *       content, content becomes {@code content.split('</think>')[-1].lstrip('\n')} and the reasoning
 *       {@code content.split('</think>')[0].rstrip('\n').split('<think>')[-1].lstrip('\n')}; after the last user
 *       message, and if it is the last message or has reasoning, it renders as
 *       {@code <|im_start|>assistant\n<think>\n REASONING.strip('\n') \n</think>\n\n CONTENT.lstrip('\n')};
 *       otherwise as {@code <|im_start|>assistant\n CONTENT}; then {@code <|im_end|>\n};</li>
 *   <li>the generation prompt is {@code <|im_start|>assistant\n}, followed by {@code <think>\n\n</think>\n\n}
 *       when {@code enable_thinking} is defined and false.</li>
 * </ul>
 */
class Qwen3ChatTemplateTest {

    @Test
    void specialTokensComeFromTheConfig() {
        ChatTemplate template = RealTemplates.load("qwen3");
        assertNull(template.bosToken());
        assertEquals("<|im_end|>", template.eosToken());
    }

    @Test
    void systemMessageWithGenerationPrompt() {
        // System header (first message, no tools), the user turn, then the generation prompt.
        String expected = "<|im_start|>system\nYou are Qwen.<|im_end|>\n"
                + "<|im_start|>user\nHi<|im_end|>\n"
                + "<|im_start|>assistant\n";
        List<ChatMessage> messages = List.of(ChatMessage.system("You are Qwen."), ChatMessage.user("Hi"));
        assertEquals(expected, RealTemplates.load("qwen3").render(messages, ChatRenderOptions.forReply()));
    }

    @Test
    void generationPromptWithThinkingDisabled() {
        // The assistant at index 1 precedes the last user message (index 2): plain content. Then the prompt with
        // the empty think block that enable_thinking=false adds.
        String expected = "<|im_start|>user\nHi<|im_end|>\n"
                + "<|im_start|>assistant\nHello<|im_end|>\n"
                + "<|im_start|>user\nBye<|im_end|>\n"
                + "<|im_start|>assistant\n<think>\n\n</think>\n\n";
        List<ChatMessage> messages = List.of(
                ChatMessage.user("Hi"), ChatMessage.assistant("Hello"), ChatMessage.user("Bye"));
        ChatRenderOptions options = ChatRenderOptions.forReply().withVariable("enable_thinking", false);
        assertEquals(expected, RealTemplates.load("qwen3").render(messages, options));
    }

    @Test
    void thinkingIsShownOnlyAfterTheLastUserMessage() {
        // last_query_index = 2. Message 1 ("<think>\nAdd them.\n</think>\n\n4"): split on </think> gives content
        // "\n\n4" -> lstrip -> "4"; index 1 is not after 2, so "<|im_start|>assistant\n4". Message 3: content
        // "6", reasoning "<think>\nAgain.\n" -> rstrip('\n') -> split('<think>')[-1] = "\nAgain." -> lstrip ->
        // "Again."; index 3 > 2 and it is last, so the think block is shown. No generation prompt.
        String expected = "<|im_start|>user\nWhat is 2+2?<|im_end|>\n"
                + "<|im_start|>assistant\n4<|im_end|>\n"
                + "<|im_start|>user\nAnd 3+3?<|im_end|>\n"
                + "<|im_start|>assistant\n<think>\nAgain.\n</think>\n\n6<|im_end|>\n";
        assertEquals(expected, RealTemplates.load("qwen3").render(QwenConversations.twoTurnsWithThinking(),
                ChatRenderOptions.transcript()));
    }

    @Test
    void lastReplyWithoutReasoningGetsAnEmptyThinkBlock() {
        // Index 1 > last_query_index 0 and loop.last: the think block is rendered with reasoning '' -> strip -> ''.
        String expected = "<|im_start|>user\nHi<|im_end|>\n"
                + "<|im_start|>assistant\n<think>\n\n</think>\n\nHello<|im_end|>\n";
        List<ChatMessage> messages = List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello"));
        assertEquals(expected, RealTemplates.load("qwen3").render(messages, ChatRenderOptions.transcript()));
    }

    @Test
    void reasoningContentFieldIsUsedAsIs() {
        // reasoning_content is defined and not none: it is used (strip('\n') -> "Think."), the content is left
        // whole ("\n6" -> lstrip('\n') -> "6").
        String expected = "<|im_start|>user\nQ<|im_end|>\n"
                + "<|im_start|>assistant\n<think>\nThink.\n</think>\n\n6<|im_end|>\n";
        List<ChatMessage> messages = List.of(
                ChatMessage.user("Q"), ChatMessage.assistant("\n6").withField("reasoning_content", "\nThink.\n"));
        assertEquals(expected, RealTemplates.load("qwen3").render(messages, ChatRenderOptions.transcript()));
    }

    @Test
    void replyFollowedByAToolResponseKeepsItsThinking() {
        // A user message made only of a tool response does not count as a query: last_query_index stays 0, so
        // the assistant at index 1 (not last, but with reasoning "r") shows its think block. The tool response is
        // wrapped as a user turn by the template's tool branch: '<|im_start|>user' + '\n<tool_response>\n' +
        // content + '\n</tool_response>' + '<|im_end|>\n'.
        String expected = "<|im_start|>user\nQ<|im_end|>\n"
                + "<|im_start|>assistant\n<think>\nr\n</think>\n\nA<|im_end|>\n"
                + "<|im_start|>user\n<tool_response>\n42\n</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\n";
        List<ChatMessage> messages = List.of(
                ChatMessage.user("Q"), ChatMessage.assistant("<think>r</think>A"), ChatMessage.of("tool", "42"));
        assertEquals(expected, RealTemplates.load("qwen3").render(messages, ChatRenderOptions.forReply()));
    }
}
