package dev.rein.models.generation;

/**
 * The tokens of one row so far, read-only: the prompt's ids (without padding) followed by the ids generated after
 * it. Logits processors read it to decide what to forbid or penalise next; {@link TokenSequence} is the growable
 * implementation the generation loop appends to.
 */
public interface TokenHistory {

    /** Prompt plus generated tokens. */
    int length();

    /** The id at {@code index}, {@code 0 <= index < length()}; the prompt comes first. */
    int get(int index);

    /** How many of the tokens are the prompt's. */
    int promptLength();

    /** How many tokens were generated after the prompt. */
    default int generated() {
        return length() - promptLength();
    }
}
