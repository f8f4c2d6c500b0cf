package dev.rein.models.generation;

/**
 * One generated sequence.
 *
 * @param prompt    index of its prompt in the request
 * @param sample    which of the prompt's {@code numReturnSequences} sequences it is
 * @param promptIds the prompt's ids
 * @param newIds    the generated ids, the stop token included when one ended the row
 * @param reason    why generation stopped
 */
public record GeneratedSequence(int prompt, int sample, int[] promptIds, int[] newIds, StopReason reason) {
}
