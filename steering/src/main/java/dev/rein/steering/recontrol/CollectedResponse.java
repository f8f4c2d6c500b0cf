package dev.rein.steering.recontrol;

import dev.rein.models.generation.Completion;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.StopReason;
import dev.rein.text.tokenizer.Tokenizer;

/**
 * One generated response, as collecting states ({@code responses.jsonl} holds one JSON object per line in the order
 * of the states' rows) or an evaluation ({@link RecontrolEvaluation}) produced it.
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

    /** The response of {@code sequence}, whose prompt is {@code promptText}, number {@code prompt} in the list. */
    public static CollectedResponse of(Tokenizer tokenizer, GeneratedSequence sequence, int prompt, String promptText) {
        String text = Completion.of(tokenizer, sequence).text();
        String reason = switch (sequence.reason()) {
            case StopReason.StopToken _ -> "stop_token";
            case StopReason.StopString _ -> "stop_string";
            case StopReason.MaxNewTokens _ -> "max_new_tokens";
        };
        return new CollectedResponse(prompt, sequence.sample(), promptText, text, sequence.promptIds(),
                sequence.newIds(), reason);
    }
}
