package dev.rein.steering.dph;

import dev.rein.models.generation.SamplingSettings;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * DPH's inference-time alignment, which the paper describes and its code lacks (METHODS.md 3.5): sample N replies
 * to each prompt, score each with a reward head and keep the best. The N samples of a batch of prompts are drawn
 * in one batched generation ({@link ReplySampler}, which also stops at the format's end-of-turn token), and every
 * reply is scored closed by that token ({@link ReplyFormat}), whether generation stopped on it or at the length limit.
 */
public final class BestOfN {
    private final DphModel model;
    private final Tokenizer tokenizer;
    private final String head;

    /**
     * @param head the reward head that ranks the candidates
     * @throws IllegalArgumentException when the heads have no such head
     */
    public BestOfN(DphModel model, Tokenizer tokenizer, String head) {
        model.heads().column(head);
        this.model = model;
        this.tokenizer = tokenizer;
        this.head = head;
    }

    /** One sampled reply and its reward. */
    public record Candidate(String reply, double reward) {
    }

    /** A prompt's candidates, in sampling order, and the index of the best (the first of equal rewards). */
    public record Choice(String prompt, List<Candidate> candidates, int best) {
        public Choice {
            candidates = List.copyOf(candidates);
        }

        /** The reply with the highest reward. */
        public Candidate chosen() {
            return candidates.get(best);
        }
    }

    /**
     * Samples {@code n} replies per prompt with {@code settings} (its number of sequences replaced by n) and ranks
     * them, {@code promptsPerBatch} prompts per generation ({@link ReplySampler}).
     *
     * @param progress told the number of prompts sampled after each batch
     * @throws IllegalArgumentException when n is below 1, or above 1 without sampling
     */
    public List<Choice> choose(List<String> prompts, SamplingSettings settings, int n, int promptsPerBatch,
                               IntConsumer progress) {
        List<ReplySampler.Replies> sampled = new ReplySampler(model.transformer(), model.format(), tokenizer)
                .sample(prompts, settings, n, promptsPerBatch, progress);
        List<String> replyPrompts = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        for (ReplySampler.Replies r : sampled) {
            r.replies().forEach(reply -> replyPrompts.add(r.prompt()));
            replies.addAll(r.replies());
        }
        double[] rewards = model.rewards(replyPrompts, replies, head, promptsPerBatch * n);
        List<Choice> choices = new ArrayList<>(sampled.size());
        int at = 0;
        for (ReplySampler.Replies r : sampled) {
            List<Candidate> candidates = new ArrayList<>();
            int best = 0;
            for (int s = 0; s < r.replies().size(); s++) {
                candidates.add(new Candidate(r.replies().get(s), rewards[at + s]));
                if (rewards[at + s] > rewards[at + best]) best = s;
            }
            at += candidates.size();
            choices.add(new Choice(r.prompt(), candidates, best));
        }
        return choices;
    }
}
