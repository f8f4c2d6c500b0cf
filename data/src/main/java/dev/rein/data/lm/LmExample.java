package dev.rein.data.lm;

import dev.rein.data.batch.TrainingBatch;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * One tokenised example for causal language-model training: its token ids and, per token, its label, Hugging Face
 * style: unshifted, and {@link TrainingBatch#IGNORED} where no loss is taken (a prompt, a user turn).
 */
public record LmExample(int[] ids, int[] labels) {

    public LmExample {
        if (ids.length != labels.length) {
            throw new IllegalArgumentException("an example has one label per token: " + ids.length + " ids, "
                    + labels.length + " labels");
        }
        ids = ids.clone();
        labels = labels.clone();
    }

    /**
     * {@code prompt} followed by the answer's parts (its text, its end-of-turn tokens, ...), labels on the answer
     * only: what a prompt-and-answer format trains on.
     */
    public static LmExample answering(int[] prompt, int[]... answerParts) {
        IntStream answer = Arrays.stream(answerParts).flatMapToInt(Arrays::stream);
        int[] ids = IntStream.concat(Arrays.stream(prompt), answer).toArray();
        int[] labels = ids.clone();
        Arrays.fill(labels, 0, prompt.length, TrainingBatch.IGNORED);
        return new LmExample(ids, labels);
    }

    /** Plain language modelling: every token is a label. */
    public static LmExample plain(int[] ids) {
        return new LmExample(ids, ids);
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    public int length() {
        return ids.length;
    }

    /** Id of token {@code t}, without copying the array. */
    public int id(int t) {
        return ids[t];
    }

    /** Label of token {@code t}, without copying the array. */
    public int label(int t) {
        return labels[t];
    }

    /** The first {@code maxLength} tokens (this example when it is not longer). */
    public LmExample truncated(int maxLength) {
        return ids.length <= maxLength ? this
                : new LmExample(Arrays.copyOf(ids, maxLength), Arrays.copyOf(labels, maxLength));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LmExample e && Arrays.equals(e.ids, ids) && Arrays.equals(e.labels, labels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids) * 31 + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "LmExample(ids=" + Arrays.toString(ids) + ", labels=" + Arrays.toString(labels) + ")";
    }
}
