package dev.rein.steering.cogsteer;

import dev.rein.models.generation.Completion;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The k sampled continuations of each prompt ({@link SamplingSettings#numReturnSequences()} of them), the prompt's
 * text not included, as Expected Maximum Toxicity scores them: the prompts are encoded and generated
 * {@code promptsPerBatch} at a time (k rows each, left-padded by the {@link Generator}), by a plain or a steered
 * generator alike, so plain and steered runs draw with the same seeds.
 */
public final class PromptContinuations {
    private PromptContinuations() {
    }

    /**
     * Per prompt, in order, its continuations in sample order.
     *
     * @param progress told how many prompts have their continuations, after each batch
     * @throws IllegalArgumentException when {@code promptsPerBatch} is below 1
     */
    public static List<List<String>> of(Generator generator, Tokenizer tokenizer, List<String> prompts,
                                        SamplingSettings settings, int promptsPerBatch, IntConsumer progress) {
        if (promptsPerBatch < 1) {
            throw new IllegalArgumentException("prompts per batch must be at least 1, not " + promptsPerBatch);
        }
        GenerationOptions options = GenerationOptions.NONE.withTextDecoders(() -> tokenizer.streamingDecoder()::push);
        List<List<String>> continuations = new ArrayList<>(prompts.size());
        for (int from = 0; from < prompts.size(); from += promptsPerBatch) {
            List<int[]> ids = prompts.subList(from, Math.min(from + promptsPerBatch, prompts.size())).stream()
                    .map(tokenizer::encode).toList();
            List<List<String>> batch = new ArrayList<>();
            ids.forEach(prompt -> batch.add(new ArrayList<>(settings.numReturnSequences())));
            for (GeneratedSequence sequence : generator.generate(ids, settings, options)) {
                batch.get(sequence.prompt()).add(Completion.of(tokenizer, sequence).text());
            }
            continuations.addAll(batch);
            progress.accept(continuations.size());
        }
        return continuations;
    }
}
