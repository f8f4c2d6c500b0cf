package dev.rein.steering.cie;

import dev.rein.data.batch.TrainingBatch;
import dev.rein.data.lm.LmExample;
import java.util.Arrays;

/** A prompt followed by its answer as one example, the labels on the answer only (the prompt ignored). */
final class AnswerLabels {
    private AnswerLabels() {
    }

    /** {@code prompt} then {@code answer} (its end-of-turn tokens included); labels on {@code answer}. */
    static LmExample of(int[] prompt, int[] answer) {
        int[] ids = Arrays.copyOf(prompt, prompt.length + answer.length);
        System.arraycopy(answer, 0, ids, prompt.length, answer.length);
        int[] labels = ids.clone();
        Arrays.fill(labels, 0, prompt.length, TrainingBatch.IGNORED);
        return new LmExample(ids, labels);
    }

    /** {@code first} then {@code more}: the answer's parts joined. */
    static int[] join(int[] first, int... more) {
        int[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
