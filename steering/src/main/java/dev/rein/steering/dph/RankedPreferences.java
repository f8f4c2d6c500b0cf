package dev.rein.steering.dph;

import dev.rein.eval.TextScorer;
import java.util.ArrayList;
import java.util.List;

/**
 * Preference pairs from sampled replies ranked by a scorer (for stories260K, VADER's compound): of each prompt's
 * replies ({@link ReplySampler}), the one scoring highest is chosen and the one scoring lowest rejected (the first of
 * equal scores). Only the reply is scored, since the prompt is shared. A prompt whose two scores are less than
 * {@code minGap} apart (or equal) is dropped: near-ties are mostly the scorer's noise, not a preference.
 */
public final class RankedPreferences {
    private RankedPreferences() {
    }

    /** The pairs kept, in prompt order, and how many prompts were dropped as near-ties. */
    public record Result(List<PreferencePair> pairs, int dropped) {
        public Result {
            pairs = List.copyOf(pairs);
        }
    }

    /**
     * @throws IllegalArgumentException when a prompt has fewer than two replies or the gap is negative
     */
    public static Result of(List<ReplySampler.Replies> sampled, TextScorer scorer, double minGap) {
        if (!(minGap >= 0)) throw new IllegalArgumentException("the minimum gap must be at least 0, got " + minGap);
        List<PreferencePair> pairs = new ArrayList<>();
        int dropped = 0;
        for (ReplySampler.Replies r : sampled) {
            if (r.replies().size() < 2) throw new IllegalArgumentException("a pair needs two replies per prompt");
            double[] scores = scorer.scoreAll(r.replies());
            int best = 0;
            int worst = 0;
            for (int i = 1; i < scores.length; i++) {
                if (scores[i] > scores[best]) best = i;
                if (scores[i] < scores[worst]) worst = i;
            }
            if (scores[best] - scores[worst] < minGap || scores[best] == scores[worst]) {
                dropped++;
            } else {
                pairs.add(PreferencePair.of(r.prompt(), r.replies().get(best), r.replies().get(worst)));
            }
        }
        return new Result(pairs, dropped);
    }
}
