package dev.rein.steering.dph;

import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.transformer.Transformer;
import dev.rein.text.tokenizer.DecodeOption;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Samples replies to prompts written in a {@link ReplyFormat}: the N replies of a batch of prompts are drawn in one
 * batched generation, which also stops at the format's end-of-turn token. What best-of-N ranks ({@link BestOfN}) and
 * what sampled preference pairs are made of ({@link RankedPreferences}). Each sequence draws from its own generator
 * (the settings' seed and its row in the batch), so the same seed, prompts and batch size give the same replies.
 */
public final class ReplySampler {
    private final Transformer transformer;
    private final ReplyFormat format;
    private final Tokenizer tokenizer;

    public ReplySampler(Transformer transformer, ReplyFormat format, Tokenizer tokenizer) {
        this.transformer = transformer;
        this.format = format;
        this.tokenizer = tokenizer;
    }

    /** A prompt and its sampled replies, in sampling order, each decoded without special tokens. */
    public record Replies(String prompt, List<String> replies) {
        public Replies {
            replies = List.copyOf(replies);
        }
    }

    /**
     * Samples {@code n} replies per prompt with {@code settings} (its number of sequences replaced by n),
     * {@code promptsPerBatch} prompts per generation.
     *
     * @param progress told the number of prompts done after each batch
     * @throws IllegalArgumentException when n or the prompts per batch are below 1, or n above 1 without sampling
     */
    public List<Replies> sample(List<String> prompts, SamplingSettings settings, int n, int promptsPerBatch,
                                IntConsumer progress) {
        if (promptsPerBatch < 1) throw new IllegalArgumentException("prompts per batch must be at least 1");
        SamplingSettings stopping = stopping(settings, n);
        List<Replies> all = new ArrayList<>(prompts.size());
        for (int first = 0; first < prompts.size(); first += promptsPerBatch) {
            List<String> batch = prompts.subList(first, Math.min(first + promptsPerBatch, prompts.size()));
            List<int[]> ids = batch.stream().map(format::prompt).toList();
            List<GeneratedSequence> sequences = new Generator(transformer).generate(ids, stopping,
                    GenerationOptions.NONE.withTextDecoders(() -> tokenizer.streamingDecoder()::push));
            List<List<String>> replies = new ArrayList<>();
            for (int p = 0; p < batch.size(); p++) replies.add(new ArrayList<>(n));
            for (GeneratedSequence sequence : sequences) {
                replies.get(sequence.prompt()).add(tokenizer.decode(sequence.newIds(), DecodeOption.SKIP_SPECIAL_TOKENS));
            }
            for (int p = 0; p < batch.size(); p++) all.add(new Replies(batch.get(p), replies.get(p)));
            progress.accept(all.size());
        }
        return all;
    }

    /** {@code s} drawing n sequences per prompt and stopping at the end-of-turn token too. */
    private SamplingSettings stopping(SamplingSettings s, int n) {
        Set<Integer> stops = new HashSet<>(s.stopTokenIds());
        stops.add(format.poolTokenId());
        return new SamplingSettings(s.doSample(), s.temperature(), s.topK(), s.topP(), s.minP(), s.typicalP(),
                s.repetitionPenalty(), s.noRepeatNgramSize(), s.minNewTokens(), s.minLength(), s.maxNewTokens(),
                s.maxLength(), stops, s.stopStrings(), s.seed(), n);
    }
}
