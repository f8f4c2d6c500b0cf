package dev.rein.steering.cie;

import dev.rein.data.lm.LmExample;
import dev.rein.text.tokenizer.EncodeOption;
import dev.rein.text.tokenizer.Tokenizer;

/**
 * The template for a model without a chat template (the embedded default model): the prompt is
 * {@code <user text>\n} encoded as any text (with the tokenizer's BOS), the answer follows encoded without special
 * tokens and ends with EOS. Only the answer and the EOS are learned.
 */
public record PlainCieTemplate(Tokenizer tokenizer, int eosId) implements CieTemplate {
    /** What ends the user text. */
    public static final String SEPARATOR = "\n";

    @Override
    public int[] prompt(String userText) {
        return tokenizer.encode(userText + SEPARATOR);
    }

    @Override
    public LmExample example(String userText, String answer) {
        return AnswerLabels.of(prompt(userText),
                AnswerLabels.join(tokenizer.encode(answer, EncodeOption.WITHOUT_SPECIAL_TOKENS), eosId));
    }

    @Override
    public TemplateKind kind() {
        return TemplateKind.PLAIN;
    }
}
