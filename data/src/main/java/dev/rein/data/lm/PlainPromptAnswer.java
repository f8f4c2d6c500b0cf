package dev.rein.data.lm;

import dev.rein.text.tokenizer.EncodeOption;
import dev.rein.text.tokenizer.Tokenizer;

/**
 * The format for a model without a chat template (the embedded default model): the prompt is
 * {@code <user text>\n} encoded as any text (with the tokenizer's BOS), the answer follows encoded without special
 * tokens and ends with EOS. Only the answer and the EOS are learned.
 */
public record PlainPromptAnswer(Tokenizer tokenizer, int eosId) implements PromptAnswerFormat {
    /** What ends the user text. */
    public static final String SEPARATOR = "\n";

    @Override
    public int[] prompt(String userText) {
        return tokenizer.encode(userText + SEPARATOR);
    }

    @Override
    public LmExample example(String userText, String answer) {
        return LmExample.answering(prompt(userText), tokenizer.encode(answer, EncodeOption.WITHOUT_SPECIAL_TOKENS),
                new int[] {eosId});
    }
}
