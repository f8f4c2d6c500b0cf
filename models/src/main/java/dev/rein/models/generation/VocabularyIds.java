package dev.rein.models.generation;

/** Checks that a history's token id has a logit, so a bad id fails with a message instead of an index error. */
final class VocabularyIds {
    private VocabularyIds() {
    }

    static int require(int id, float[] logits) {
        if (id >= logits.length) {
            throw new IllegalArgumentException("token id " + id + " in the history is outside the vocabulary of "
                    + logits.length + " logits");
        }
        return id;
    }
}
