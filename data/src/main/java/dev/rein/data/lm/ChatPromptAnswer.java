package dev.rein.data.lm;

import dev.rein.text.chat.ChatMessage;
import dev.rein.text.chat.ChatRenderOptions;
import dev.rein.text.chat.ChatTemplate;
import dev.rein.text.chat.ChatTemplateLoader;
import dev.rein.text.tokenizer.EncodeOption;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.List;

/**
 * The model's own chat template: one user turn holding the instruction, then the assistant's answer; labels on the
 * answer and its end-of-turn marker ({@link ChatExamples}).
 */
public final class ChatPromptAnswer implements PromptAnswerFormat {
    private final ChatTemplate template;
    private final Tokenizer tokenizer;
    private final ChatExamples examples;

    public ChatPromptAnswer(ChatTemplate template, Tokenizer tokenizer) {
        this.template = template;
        this.tokenizer = tokenizer;
        this.examples = new ChatExamples(template, tokenizer, null);
    }

    /** The default chat template of {@code tokenizer}'s configuration. */
    public static ChatPromptAnswer of(Tokenizer tokenizer) {
        return new ChatPromptAnswer(ChatTemplateLoader.of(tokenizer.tokenizerConfig(), null), tokenizer);
    }

    @Override
    public int[] prompt(String userText) {
        String text = template.render(List.of(ChatMessage.user(userText)), ChatRenderOptions.forReply());
        return tokenizer.encode(text, EncodeOption.WITHOUT_SPECIAL_TOKENS);
    }

    @Override
    public LmExample example(String userText, String answer) {
        return examples.encode(List.of(ChatMessage.user(userText), ChatMessage.assistant(answer)));
    }
}
