package dev.rein.data.lm;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits documents into a training and a held-out part for evaluation: a seeded random choice of
 * {@code round(fraction * n)} documents (at least one) is held out, and both parts keep file order.
 *
 * @param train    the documents to train on
 * @param heldOut  the documents to evaluate on
 */
public record HeldOut<T>(List<T> train, List<T> heldOut) {

    public HeldOut {
        train = List.copyOf(train);
        heldOut = List.copyOf(heldOut);
    }

    /**
     * @throws IllegalArgumentException when {@code fraction} is not in (0, 1) or either part would be empty
     */
    public static <T> HeldOut<T> split(List<T> documents, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the held-out fraction must be between 0 and 1, got " + fraction);
        }
        int held = (int) Math.max(1, Math.round(fraction * documents.size()));
        if (held >= documents.size()) {
            throw new IllegalArgumentException("holding out " + held + " of " + documents.size()
                    + " documents leaves none to train on");
        }
        boolean[] chosen = new boolean[documents.size()];
        int[] order = EpochOrder.shuffled(documents.size(), seed, 0);
        for (int i = 0; i < held; i++) {
            chosen[order[i]] = true;
        }
        List<T> train = new ArrayList<>();
        List<T> heldOut = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            (chosen[i] ? heldOut : train).add(documents.get(i));
        }
        return new HeldOut<>(train, heldOut);
    }
}
