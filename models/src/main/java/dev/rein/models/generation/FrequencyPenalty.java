package dev.rein.models.generation;

import java.util.HashMap;
import java.util.Map;

/**
 * OpenAI's frequency and presence penalties: each token's logit is lowered by {@code frequency} times the number of
 * times it was generated so far plus {@code presence} once it was generated at all. Only generated tokens count,
 * not the prompt's (unlike {@link RepetitionPenalty}). Positive values discourage repetition, negative ones
 * encourage it; OpenAI accepts -2 to 2.
 *
 * @param frequency penalty per earlier occurrence, finite
 * @param presence  penalty for having occurred, finite
 */
public record FrequencyPenalty(float frequency, float presence) implements LogitsProcessor {

    public FrequencyPenalty {
        if (!Float.isFinite(frequency) || !Float.isFinite(presence)) {
            throw new IllegalArgumentException("frequency and presence penalties must be finite, got " + frequency
                    + " and " + presence);
        }
    }

    @Override
    public void process(TokenHistory history, float[] logits) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = history.promptLength(); i < history.length(); i++) {
            counts.merge(VocabularyIds.require(history.get(i), logits), 1, Integer::sum);
        }
        counts.forEach((id, count) -> logits[id] -= count * frequency + presence);
    }
}
