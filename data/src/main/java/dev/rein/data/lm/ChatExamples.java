package dev.rein.data.lm;

import dev.rein.text.tokenizer.EncodeOption;
import dev.rein.text.chat.AssistantMask;
import dev.rein.text.chat.AssistantSpans;
import dev.rein.text.chat.ChatMessage;
import dev.rein.text.chat.ChatRenderOptions;
import dev.rein.text.chat.ChatTemplate;
import dev.rein.text.chat.RenderedConversation;
import dev.rein.text.tokenizer.Encoding;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.List;

/**
 * Conversations as training examples that learn the assistant's replies only: the conversation is rendered by the
 * model's chat template, encoded without adding special tokens (the template writes them, as
 * {@code apply_chat_template} does), and labelled by {@link AssistantMask}: each reply's tokens up to and including
 * its end-of-turn marker keep their ids, every other token is ignored.
 */
public final class ChatExamples {
    private final ChatTemplate template;
    private final Tokenizer tokenizer;
    private final String endOfTurn;

    /**
     * @param endOfTurn the text that closes an assistant turn ({@code <|im_end|>}, {@code <|eot_id|>}); the
     *                  template's EOS token when null
     * @throws IllegalArgumentException when no end-of-turn marker is given and the template has no EOS token
     */
    public ChatExamples(ChatTemplate template, Tokenizer tokenizer, String endOfTurn) {
        this.template = template;
        this.tokenizer = tokenizer;
        this.endOfTurn = endOfTurn != null ? endOfTurn : template.eosToken();
        if (this.endOfTurn == null || this.endOfTurn.isEmpty()) {
            throw new IllegalArgumentException("the chat template has no EOS token; give the end-of-turn marker");
        }
    }

    /**
     * The conversation's tokens, labelled on the assistant replies.
     *
     * @throws IllegalArgumentException when the replies cannot be located in the rendered text (see
     *                                  {@link AssistantSpans})
     */
    public LmExample encode(List<ChatMessage> conversation) {
        RenderedConversation rendered = AssistantSpans.find(template, conversation, endOfTurn,
                ChatRenderOptions.transcript());
        Encoding encoding = tokenizer.encodeWithOffsets(rendered.text(), EncodeOption.WITHOUT_SPECIAL_TOKENS);
        return new LmExample(encoding.ids(), AssistantMask.labels(encoding, rendered.assistantSpans()));
    }
}
