package dev.rein.steering.dph;

import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.text.tokenizer.DecodeOption;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * DPH's inference-time alignment, which the paper describes and its code lacks (METHODS.md 3.5): sample N replies
 * to each prompt, score each with a reward head and keep the best. The N samples of a batch of prompts are drawn
 * in one batched generation; the format's end-of-turn token is
 * added to the stop tokens, and every reply is scored closed by it ({@link ReplyFormat}), whether generation stopped
 * on it or at the length limit.
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
     * them, {@code promptsPerBatch} prompts per generation.
     *
     * @param progress told the number of prompts done after each batch
     * @throws IllegalArgumentException when n is below 1, or above 1 without sampling
     */
    public List<Choice> choose(List<String> prompts, SamplingSettings settings, int n, int promptsPerBatch,
                               IntConsumer progress) {
        if (promptsPerBatch < 1) throw new IllegalArgumentException("prompts per batch must be at least 1");
        SamplingSettings stopping = sampling(settings, n);
        List<Choice> choices = new ArrayList<>();
        for (int first = 0; first < prompts.size(); first += promptsPerBatch) {
            List<String> batch = prompts.subList(first, Math.min(first + promptsPerBatch, prompts.size()));
            List<int[]> ids = batch.stream().map(model.format()::prompt).toList();
            List<GeneratedSequence> sequences = new Generator(model.transformer()).generate(ids, stopping,
                    GenerationOptions.NONE.withTextDecoders(() -> tokenizer.streamingDecoder()::push));
            List<String> replyPrompts = new ArrayList<>();
            List<String> replies = new ArrayList<>();
            for (GeneratedSequence sequence : sequences) {
                replyPrompts.add(batch.get(sequence.prompt()));
                replies.add(tokenizer.decode(sequence.newIds(), DecodeOption.SKIP_SPECIAL_TOKENS));
            }
            double[] rewards = model.rewards(replyPrompts, replies, head, sequences.size());
            for (int p = 0; p < batch.size(); p++) {
                List<Candidate> candidates = new ArrayList<>();
                int best = 0;
                for (int s = 0; s < n; s++) {
                    candidates.add(new Candidate(replies.get(p * n + s), rewards[p * n + s]));
                    if (rewards[p * n + s] > rewards[p * n + best]) best = s;
                }
                choices.add(new Choice(batch.get(p), candidates, best));
            }
            progress.accept(choices.size());
        }
        return choices;
    }

    /** {@code s} drawing n sequences per prompt and stopping at the end-of-turn token too. */
    private SamplingSettings sampling(SamplingSettings s, int n) {
        Set<Integer> stops = new HashSet<>(s.stopTokenIds());
        stops.add(model.format().poolTokenId());
        return new SamplingSettings(s.doSample(), s.temperature(), s.topK(), s.topP(), s.minP(), s.typicalP(),
                s.repetitionPenalty(), s.noRepeatNgramSize(), s.minNewTokens(), s.minLength(), s.maxNewTokens(),
                s.maxLength(), stops, s.stopStrings(), s.seed(), n);
    }
}
