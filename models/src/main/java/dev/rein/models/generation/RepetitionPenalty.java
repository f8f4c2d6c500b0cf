package dev.rein.models.generation;

import java.util.BitSet;

/**
 * Makes tokens already in the row (prompt included) less likely, as Hugging Face's
 * {@code RepetitionPenaltyLogitsProcessor} does: each distinct token's logit is divided by the penalty when
 * positive and multiplied by it when negative, once however often the token occurs. A penalty above 1 discourages
 * repetition, below 1 encourages it, and 1 changes nothing. Arithmetic is in float, as in Hugging Face.
 *
 * @param penalty finite and above 0
 */
public record RepetitionPenalty(float penalty) implements LogitsProcessor {

    public RepetitionPenalty {
        if (!(penalty > 0) || !Float.isFinite(penalty)) {
            throw new IllegalArgumentException("repetition_penalty must be a finite number above 0, got " + penalty);
        }
    }

    @Override
    public void process(TokenHistory history, float[] logits) {
        BitSet penalised = new BitSet(logits.length);
        for (int i = 0; i < history.length(); i++) {
            int id = VocabularyIds.require(history.get(i), logits);
            if (penalised.get(id)) continue;
            penalised.set(id);
            float logit = logits[id];
            logits[id] = logit < 0 ? logit * penalty : logit / penalty;
        }
    }
}
