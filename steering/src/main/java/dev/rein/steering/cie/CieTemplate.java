package dev.rein.steering.cie;

import dev.rein.data.lm.LmExample;
import dev.rein.models.LanguageModel;

/**
 * How a CIE row becomes tokens, one template for training and generation alike (METHODS.md 1.6: the original's
 * differ, Rein's do not). The user text is the instruction with its placeholders at the end.
 */
public interface CieTemplate {
    /** The prompt generation continues: everything before the answer. */
    int[] prompt(String userText);

    /** The prompt, the answer and its end-of-turn token; labels on the answer and that token only. */
    LmExample example(String userText, String answer);

    /** Which kind of template this is, as a folder of tables records it. */
    TemplateKind kind();

    /** The template {@link TemplateKind#automatic} picks for {@code model}, over its tokenizer and first EOS. */
    static CieTemplate of(LanguageModel model) {
        return TemplateKind.automatic(model.tokenizer(), model.config().modelType())
                .create(model.tokenizer(), model.config().specialTokens().eos().getFirst());
    }
}
