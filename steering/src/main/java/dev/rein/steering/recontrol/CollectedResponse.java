package dev.rein.steering.recontrol;

/**
 * One response generated while collecting states, as {@code responses.jsonl} holds it, one JSON object per line in
 * the order of the states' rows.
 *
 * @param prompt       index of its prompt in the prompt list
 * @param sample       which of the prompt's samples it is (0 unless several are drawn per prompt)
 * @param promptText   the prompt as given to the tokenizer
 * @param response     the generated text (special tokens left out, cut before a stop string that ended it)
 * @param promptIds    the prompt's token ids
 * @param responseIds  the generated ids, the stop token included; their count is the row's valid steps
 * @param finishReason {@code stop_token}, {@code stop_string} or {@code max_new_tokens}
 */
public record CollectedResponse(int prompt, int sample, String promptText, String response, int[] promptIds,
                                int[] responseIds, String finishReason) {
}
