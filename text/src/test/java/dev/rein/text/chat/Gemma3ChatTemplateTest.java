package dev.rein.text.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Gemma 3 template of ../shared/tokenizers/gemma3. Every block tag is {@code {%- ... -%}}, which strips the
 * whitespace on both sides, so the output is {@code {{ bos_token }}} followed by the expression outputs:
 * <ul>
 *   <li>a first system message is not a turn: its content (or its first part's text) plus {@code "\n\n"} is
 *       put before the first remaining message's content, and the loop runs over {@code messages[1:]};</li>
 *   <li>roles must alternate starting with user, or {@code raise_exception(...)};</li>
 *   <li>each turn is {@code <start_of_turn>ROLE\n} (assistant renamed {@code model}), the trimmed content (or
 *       each part: {@code <start_of_image>} for images, trimmed text for text), then {@code <end_of_turn>\n};</li>
 *   <li>the generation prompt is {@code <start_of_turn>model\n}.</li>
 * </ul>
 */
class Gemma3ChatTemplateTest {

    @Test
    void specialTokensComeFromTheConfig() {
        ChatTemplate template = RealTemplates.load("gemma3");
        assertEquals("<bos>", template.bosToken());
        assertEquals("<end_of_turn>", template.eosToken());
    }

    @Test
    void systemIsFoldedIntoTheFirstUserTurn() {
        // first_user_prefix = "You are Gemma." + "\n\n"; loop over [user]: "<start_of_turn>user\n" + prefix
        // (loop.first) + trim("  Hi  ") + "<end_of_turn>\n"; then the generation prompt.
        String expected = "<bos><start_of_turn>user\nYou are Gemma.\n\nHi<end_of_turn>\n<start_of_turn>model\n";
        List<ChatMessage> messages = List.of(ChatMessage.system("You are Gemma."), ChatMessage.user("  Hi  "));
        assertEquals(expected, RealTemplates.load("gemma3").render(messages, ChatRenderOptions.forReply()));
    }

    @Test
    void multiTurnConversationWithoutGenerationPrompt() {
        // No system: prefix "". The assistant turn is "model", its content trimmed (" Hello! " -> "Hello!").
        String expected = "<bos><start_of_turn>user\nHi<end_of_turn>\n"
                + "<start_of_turn>model\nHello!<end_of_turn>\n"
                + "<start_of_turn>user\nBye<end_of_turn>\n";
        List<ChatMessage> messages = List.of(
                ChatMessage.user("Hi"), ChatMessage.assistant(" Hello! "), ChatMessage.user("Bye"));
        assertEquals(expected, RealTemplates.load("gemma3").render(messages, ChatRenderOptions.transcript()));
    }

    @Test
    void contentPartsAndASystemMessageGivenAsParts() {
        // The system content is a list: first_user_prefix = content[0]['text'] + "\n\n" (not trimmed). The user
        // parts render in order: trim(" Describe ") = "Describe", the image marker, "this.".
        String expected = "<bos><start_of_turn>user\nBe terse.\n\nDescribe<start_of_image>this.<end_of_turn>\n"
                + "<start_of_turn>model\n";
        List<ChatMessage> messages = List.of(
                ChatMessage.ofParts("system", List.of(ContentPart.text("Be terse."))),
                ChatMessage.ofParts("user", List.of(
                        ContentPart.text(" Describe "), ContentPart.ofType("image"), ContentPart.text("this."))));
        assertEquals(expected, RealTemplates.load("gemma3").render(messages, ChatRenderOptions.forReply()));
    }

    @Test
    void nonAlternatingRolesAreRejectedWithTheTemplatesMessage() {
        // Second message (loop.index0 = 1) is a user: (True) != (1 % 2 == 0 -> False) -> raise_exception.
        List<ChatMessage> messages = List.of(ChatMessage.user("Hi"), ChatMessage.user("Hi again"));
        ChatTemplate template = RealTemplates.load("gemma3");
        ChatTemplateException error = assertThrows(ChatTemplateException.class, () -> template.render(messages,
                ChatRenderOptions.forReply()));
        assertEquals("Conversation roles must alternate user/assistant/user/assistant/...", error.templateMessage());
        assertEquals(true, error.getMessage().contains("gemma3/tokenizer_config.json"), error.getMessage());
    }

    @Test
    void aConversationOpenedByTheAssistantIsRejected() {
        List<ChatMessage> messages = List.of(ChatMessage.assistant("Hello"));
        ChatTemplate template = RealTemplates.load("gemma3");
        assertThrows(ChatTemplateException.class, () -> template.render(messages, ChatRenderOptions.transcript()));
    }
}
