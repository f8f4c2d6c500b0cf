package dev.rein.steering.recontrol;

import dev.rein.eval.MetricReport;
import java.util.Arrays;
import java.util.List;

/**
 * One side of a {@link RecontrolComparison}: the responses generated for the prompts, with each one's reward and
 * prompt-response coherence, and RE-Control's diversity of the set.
 *
 * @param responses  the responses, prompt by prompt and sample by sample
 * @param rewards    the reward of each response
 * @param coherences the cosine of each prompt's and response's embeddings (0 for an empty response, which shares
 *                   nothing with its prompt; RE-Control's diversity likewise counts it as 0)
 * @param diversity  {@link dev.rein.eval.diversity.DiversityReport} of the responses
 */
public record EvaluatedResponses(List<CollectedResponse> responses, double[] rewards, double[] coherences,
                                 MetricReport diversity) {

    /** @throws IllegalArgumentException when the rewards or coherences are not one per response */
    public EvaluatedResponses {
        responses = List.copyOf(responses);
        rewards = rewards.clone();
        coherences = coherences.clone();
        if (rewards.length != responses.size() || coherences.length != responses.size()) {
            throw new IllegalArgumentException(responses.size() + " responses but " + rewards.length + " rewards and "
                    + coherences.length + " coherences");
        }
    }

    @Override
    public double[] rewards() {
        return rewards.clone();
    }

    @Override
    public double[] coherences() {
        return coherences.clone();
    }

    /** RE-Control's average reward. */
    public double meanReward() {
        return Arrays.stream(rewards).average().orElseThrow();
    }

    /** RE-Control's coherence: the mean prompt-response cosine. */
    public double meanCoherence() {
        return Arrays.stream(coherences).average().orElseThrow();
    }
}
