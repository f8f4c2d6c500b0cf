package dev.rein.models.generation;

/** Why a row stopped generating; {@link StopCondition#accept} reports it with the token that ended the row. */
public sealed interface StopReason {

    /** The row generated one of the stop token ids (EOS); the token is the last of the row. */
    record StopToken(int tokenId) implements StopReason {
    }

    /**
     * The generated text came to contain a stop string.
     *
     * @param stopString the stop string found
     * @param textStart  where it begins in {@link StopCondition#generatedText()}: the text before it is the output
     *                   without the stop string (the row's last token may have text after it too)
     */
    record StopString(String stopString, int textStart) implements StopReason {
    }

    /** The row generated as many tokens as it may. */
    record MaxNewTokens(int limit) implements StopReason {
    }
}
