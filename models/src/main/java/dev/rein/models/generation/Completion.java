package dev.rein.models.generation;

import dev.rein.text.tokenizer.DecodeOption;
import dev.rein.text.tokenizer.Tokenizer;

/**
 * One generated continuation as text, as {@code LanguageModel.generate} returns it.
 *
 * @param prompt index of its prompt in the request
 * @param sample which of the prompt's samples it is
 * @param text   the generated text: special tokens left out, and cut before a stop string that ended it
 * @param ids    the generated token ids, the stop token included when one ended the row
 * @param reason why generation stopped
 */
public record Completion(int prompt, int sample, String text, int[] ids, StopReason reason) {

    /** The text of {@code sequence}: its new ids decoded without special tokens, cut before a stop string. */
    public static Completion of(Tokenizer tokenizer, GeneratedSequence sequence) {
        String text;
        if (sequence.reason() instanceof StopReason.StopString stop) {
            String generated = tokenizer.decode(sequence.newIds());      // the text the stop was found in
            text = generated.substring(0, Math.min(stop.textStart(), generated.length()));
        } else {
            text = tokenizer.decode(sequence.newIds(), DecodeOption.SKIP_SPECIAL_TOKENS);
        }
        return new Completion(sequence.prompt(), sequence.sample(), text, sequence.newIds(), sequence.reason());
    }
}
