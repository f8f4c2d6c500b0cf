package dev.rein.spark;

/**
 * What generation adds to one input row, for one of its samples; an input row that could not run gets a single one
 * with its {@code error} and nothing else.
 *
 * @param sample          which of the row's samples (0 when one is asked for)
 * @param text            the continuation (special tokens left out, cut before a stop string), null on error
 * @param promptTokens    tokens of the encoded prompt, null when it was not encoded
 * @param generatedTokens tokens generated, null on error
 * @param finishReason    {@code stop} (a stop token or string) or {@code length} (the token limit), null on error
 * @param error           why the row has no continuation, or null
 */
public record GeneratedRow(int sample, String text, Integer promptTokens, Integer generatedTokens,
                           String finishReason, String error) {

    static GeneratedRow failed(Integer promptTokens, String error) {
        return new GeneratedRow(0, null, promptTokens, null, null, error);
    }
}
