package dev.rein.models.generation;

/** Receives each generated token as soon as it is chosen, for streaming output. */
@FunctionalInterface
public interface TokenListener {

    /** @param row the index of the sequence in the generation's result list */
    void onToken(int row, int tokenId);
}
