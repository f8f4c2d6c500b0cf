package dev.rein.data.lm;

import dev.rein.text.tokenizer.EncodeOption;
import dev.rein.text.tokenizer.Tokenizer;
import dev.rein.data.batch.TrainingBatch;
import java.util.Arrays;

/**
 * Completion-only labels, as TRL's {@code DataCollatorForCompletionOnlyLM} makes them: the loss is taken only on
 * what follows the response template (e.g. {@code "### Response:\n"}). Labels are {@link TrainingBatch#IGNORED} up
 * to and including the template's last token; when the template occurs more than once, its last occurrence counts
 * (TRL's search loop keeps the last match); an example without the template is ignored whole, as TRL ignores it.
 *
 * <p>Matching is on token ids, so the template must be given as the ids it has inside the text: a tokenizer may
 * split {@code "### Response:"} differently at the start of a text than after a newline. {@link #encode} encodes it
 * without special tokens, which is right when the template follows a newline or a special token; otherwise pass the
 * ids found in an encoded example.
 */
public record ResponseTemplate(int[] ids) {

    public ResponseTemplate {
        if (ids.length == 0) {
            throw new IllegalArgumentException("the response template must have at least one token");
        }
        ids = ids.clone();
    }

    /** The template text encoded without special tokens. */
    public static ResponseTemplate encode(Tokenizer tokenizer, String text) {
        return new ResponseTemplate(tokenizer.encode(text, EncodeOption.WITHOUT_SPECIAL_TOKENS));
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** {@code ids} labelled after the template's last occurrence only. */
    public LmExample label(int[] ids) {
        int start = lastOccurrence(ids);
        int[] labels = ids.clone();
        int ignoredUpTo = start < 0 ? ids.length : start + this.ids.length;
        Arrays.fill(labels, 0, ignoredUpTo, TrainingBatch.IGNORED);
        return new LmExample(ids, labels);
    }

    private int lastOccurrence(int[] tokens) {
        for (int start = tokens.length - ids.length; start >= 0; start--) {
            if (Arrays.equals(tokens, start, start + ids.length, ids, 0, ids.length)) {
                return start;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseTemplate t && Arrays.equals(t.ids, ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "ResponseTemplate" + Arrays.toString(ids);
    }
}
