package dev.rein.models.generation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Decides, token by token, when one row stops: when it generates a stop token id, when its generated text comes to
 * contain a stop string, or when it reaches its token limit (checked in that order, so a stop string found on the
 * last allowed token is still reported with its position).
 *
 * <p>Stop strings follow Hugging Face's {@code StopStringCriteria}: a stop string may span several tokens and a
 * token's text may run past its end. Text is followed incrementally: {@code textOfNextToken} gives the text each
 * new token completes, such that the pieces concatenated equal the decode of all generated ids, which is what
 * {@code Tokenizer.streamingDecoder(skipSpecialTokens)::push} does (a piece may be empty while a character is
 * incomplete; the stop string is then found when its text arrives). Each step searches only the new text and the
 * few characters before it that a stop string could span. Two differences from Hugging Face: only generated text
 * is searched, so a stop string that begins in the prompt does not count, and the text is the tokenizer's decode
 * rather than the vocabulary's raw pieces. With {@code skipSpecialTokens} true a special token has no text, so
 * give special tokens as stop ids instead.
 *
 * <p>One per row; not thread-safe.
 */
public final class StopCondition {
    private final Set<Integer> stopTokenIds;
    private final List<String> stopStrings;
    private final int newTokenLimit;
    private final IntFunction<String> textOfNextToken;
    private final StringBuilder generatedText = new StringBuilder();
    private int generated;
    private boolean stopped;

    /**
     * A condition for one row.
     *
     * @param stopTokenIds    ids that end the row
     * @param stopStrings     texts that end the row (none empty)
     * @param newTokenLimit   most tokens the row may generate, at least 1
     * @param textOfNextToken the text each generated token completes, as described above; null only when there are
     *                        no stop strings (then {@link #generatedText()} stays empty)
     */
    public StopCondition(Set<Integer> stopTokenIds, List<String> stopStrings, int newTokenLimit,
            IntFunction<String> textOfNextToken) {
        if (newTokenLimit < 1) throw new IllegalArgumentException("the token limit must be at least 1, got "
                + newTokenLimit);
        for (String stop : stopStrings) {
            if (stop.isEmpty()) throw new IllegalArgumentException("stop strings must not be empty");
        }
        if (!stopStrings.isEmpty()) Objects.requireNonNull(textOfNextToken, "stop strings need the generated text");
        this.stopTokenIds = Set.copyOf(stopTokenIds);
        this.stopStrings = List.copyOf(stopStrings);
        this.newTokenLimit = newTokenLimit;
        this.textOfNextToken = textOfNextToken;
    }

    /** The condition {@code settings} set for a row whose prompt has {@code promptLength} tokens. */
    public static StopCondition forRow(SamplingSettings settings, int promptLength,
            IntFunction<String> textOfNextToken) {
        return new StopCondition(settings.stopTokenIds(), settings.stopStrings(),
                settings.newTokenLimit(promptLength), textOfNextToken);
    }

    /**
     * Takes the row's next generated token, in order; returns why the row stops with it, or empty to go on.
     *
     * @throws IllegalStateException when the row has already stopped
     */
    public Optional<StopReason> accept(int tokenId) {
        if (stopped) throw new IllegalStateException("the row already stopped; it takes no more tokens");
        generated++;
        Optional<StopReason> reason = reasonToStop(tokenId);
        stopped = reason.isPresent();
        return reason;
    }

    private Optional<StopReason> reasonToStop(int tokenId) {
        if (stopTokenIds.contains(tokenId)) return Optional.of(new StopReason.StopToken(tokenId));
        if (textOfNextToken != null) {
            int searchedBefore = generatedText.length();
            generatedText.append(textOfNextToken.apply(tokenId));
            Optional<StopReason> found = findStopString(searchedBefore);
            if (found.isPresent()) return found;
        }
        if (generated >= newTokenLimit) return Optional.of(new StopReason.MaxNewTokens(newTokenLimit));
        return Optional.empty();
    }

    /** The stop string that begins first among those ending after {@code searchedBefore}, if any. */
    private Optional<StopReason> findStopString(int searchedBefore) {
        StopReason.StopString first = null;
        for (String stop : stopStrings) {
            // A match not wholly inside the text searched before begins at most length - 1 characters earlier.
            int start = generatedText.indexOf(stop, Math.max(0, searchedBefore - stop.length() + 1));
            if (start >= 0 && (first == null || start < first.textStart())) {
                first = new StopReason.StopString(stop, start);
            }
        }
        return Optional.ofNullable(first);
    }

    /** The text of the generated tokens accepted so far (stop tokens excluded), as {@code textOfNextToken} gave it. */
    public String generatedText() {
        return generatedText.toString();
    }

    /** How many tokens were accepted, the stopping one included. */
    public int generated() {
        return generated;
    }
}
