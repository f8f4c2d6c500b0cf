package dev.rein.steering.recontrol;

import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive prompts generated together, encoded: how {@link StateCollector} and {@link RecontrolEvaluation} walk a
 * prompt list.
 *
 * @param first index of the first prompt in the whole list
 * @param texts the prompts
 * @param ids   their token ids (with the tokenizer's special tokens)
 */
record PromptBatch(int first, List<String> texts, List<int[]> ids) {

    /**
     * {@code prompts} encoded, {@code batchSize} at a time.
     *
     * @throws IllegalArgumentException when there are no prompts, the batch size is below 1 or a prompt encodes to
     *                                  no tokens
     */
    static List<PromptBatch> split(Tokenizer tokenizer, List<String> prompts, int batchSize) {
        if (prompts.isEmpty() || batchSize < 1) {
            throw new IllegalArgumentException("generating needs at least one prompt and a batch size of at least 1, "
                    + "got " + prompts.size() + " prompts and batch size " + batchSize);
        }
        List<PromptBatch> batches = new ArrayList<>();
        for (int first = 0; first < prompts.size(); first += batchSize) {
            List<String> texts = prompts.subList(first, Math.min(first + batchSize, prompts.size()));
            List<int[]> ids = new ArrayList<>();
            for (String text : texts) {
                int[] encoded = tokenizer.encode(text);
                if (encoded.length == 0) {
                    throw new IllegalArgumentException("prompt " + (first + ids.size()) + " encodes to no tokens");
                }
                ids.add(encoded);
            }
            batches.add(new PromptBatch(first, texts, ids));
        }
        return batches;
    }
}
