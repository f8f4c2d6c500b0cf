package dev.rein.steering.cie;

import dev.rein.data.batch.TrainingBatch;
import dev.rein.data.lm.LmExample;
import dev.rein.text.tokenizer.EncodeOption;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.Arrays;

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
        int[] prompt = prompt(userText);
        int[] reply = tokenizer.encode(answer, EncodeOption.WITHOUT_SPECIAL_TOKENS);
        int[] ids = Arrays.copyOf(prompt, prompt.length + reply.length + 1);
        System.arraycopy(reply, 0, ids, prompt.length, reply.length);
        ids[ids.length - 1] = eosId;
        int[] labels = ids.clone();
        Arrays.fill(labels, 0, prompt.length, TrainingBatch.IGNORED);
        return new LmExample(ids, labels);
    }
}
