package dev.rein.steering.cie;

import dev.rein.data.lm.LmExample;
import dev.rein.data.lm.PromptAnswerFormat;
import dev.rein.models.LanguageModel;

/**
 * How a CIE row becomes tokens, one template for training and generation alike (METHODS.md 1.6: the original's
 * differ, Rein's do not): a prompt-and-answer format and the kind that names it in a folder of tables. The user
 * text is the instruction with its placeholders at the end.
 *
 * @param kind   which template this is, as a folder of tables records it
 * @param format the rendering
 */
public record CieTemplate(TemplateKind kind, PromptAnswerFormat format) implements PromptAnswerFormat {
    /** The template {@link TemplateKind#automatic} picks for {@code model}, over its tokenizer and first EOS. */
    public static CieTemplate of(LanguageModel model) {
        return TemplateKind.automatic(model.tokenizer(), model.config().modelType())
                .create(model.tokenizer(), model.config().specialTokens().eos().getFirst());
    }

    @Override
    public int[] prompt(String userText) {
        return format.prompt(userText);
    }

    @Override
    public LmExample example(String userText, String answer) {
        return format.example(userText, answer);
    }
}
