package dev.rein.steering.cie;

import dev.rein.data.lm.LmExample;
import dev.rein.text.tokenizer.Tokenizer;

/**
 * How a CIE row becomes tokens, one template for training and generation alike (METHODS.md 1.6: the original's
 * differ, Rein's do not). The user text is the instruction with its placeholders at the end.
 */
public interface CieTemplate {
    /** The prompt generation continues: everything before the answer. */
    int[] prompt(String userText);

    /** The prompt, the answer and its end-of-turn token; labels on the answer and that token only. */
    LmExample example(String userText, String answer);

    /**
     * The model's chat template when its tokenizer configuration has one ({@link ChatCieTemplate}), otherwise
     * {@link PlainCieTemplate} ending the answer with {@code eosId}.
     */
    static CieTemplate of(Tokenizer tokenizer, int eosId) {
        return tokenizer.tokenizerConfig().chatTemplates().isEmpty() ? new PlainCieTemplate(tokenizer, eosId)
                : ChatCieTemplate.of(tokenizer);
    }
}
