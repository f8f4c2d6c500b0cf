package dev.rein.models.generation;

/** Builds token histories for the tests. */
final class Histories {
    private Histories() {
    }

    static TokenSequence of(int[] prompt, int... generated) {
        TokenSequence sequence = new TokenSequence(prompt);
        for (int id : generated) sequence.append(id);
        return sequence;
    }

    static TokenSequence prompt(int... prompt) {
        return new TokenSequence(prompt);
    }

    static final TokenSequence EMPTY = new TokenSequence(new int[0]);
}
