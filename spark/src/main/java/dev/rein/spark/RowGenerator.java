package dev.rein.spark;

import dev.rein.models.LanguageModel;
import dev.rein.models.generation.Completion;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.StopReason;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Generation for a batch of rows, each with its own seed, in one batched decode: the work of one step of a
 * partition, and the single-process path its output is compared with. A row whose prompt is missing, empty or too
 * long for the model's context gets its reason instead of a continuation and leaves the others alone; each good
 * row's tokens equal {@code rein generate --seed <its seed>}'s (batching changes no row's tokens).
 */
public final class RowGenerator {
    private final Tokenizer tokenizer;
    private final SamplingSpec sampling;
    private final PromptCheck check;
    private final Generator generator;
    private final GenerationOptions options;

    /**
     * Generates with {@code model} (which needs its tokenizer), the job's sampling and controls.
     *
     * @throws IOException when a steering vector's file cannot be read
     */
    public RowGenerator(LanguageModel model, SamplingSpec sampling, Controls controls) throws IOException {
        this.tokenizer = model.tokenizer();
        this.sampling = sampling;
        this.check = new PromptCheck(model, sampling.settings(), controls);
        this.generator = new Generator(model.transformer());
        this.options = GenerationOptions.NONE.withStopStringsDecodedBy(tokenizer).withHooks(controls.hooks(model));
    }

    /** The rows' continuations, row by row (each row's samples in order; a failed row has one entry). */
    public List<List<GeneratedRow>> generate(List<PromptRow> rows) {
        List<List<GeneratedRow>> results = new ArrayList<>();
        List<int[]> prompts = new ArrayList<>();
        List<Integer> runs = new ArrayList<>();                      // index in rows of each prompt that runs
        for (PromptRow row : rows) {
            results.add(null);
            PromptCheck.Encoded encoded = check.encode(row);
            if (encoded.error() != null) {
                Integer length = encoded.ids() == null ? null : encoded.ids().length;
                results.set(results.size() - 1, List.of(GeneratedRow.failed(length, encoded.error())));
            } else {
                prompts.add(encoded.ids());
                runs.add(results.size() - 1);
            }
        }
        if (!prompts.isEmpty()) {
            long[] seeds = runs.stream().mapToLong(index -> rows.get(index).seed()).toArray();
            List<GeneratedSequence> sequences = generator.generate(prompts, seeds, sampling.settings(), options);
            for (GeneratedSequence sequence : sequences) {
                int index = runs.get(sequence.prompt());
                if (results.get(index) == null) {
                    results.set(index, new ArrayList<>());
                }
                Completion completion = Completion.of(tokenizer, sequence);
                results.get(index).add(new GeneratedRow(sequence.sample(), completion.text(),
                        sequence.promptIds().length, sequence.newIds().length, finishReason(sequence.reason()),
                        null));
            }
        }
        return results;
    }

    private static String finishReason(StopReason reason) {
        return reason instanceof StopReason.MaxNewTokens ? "length" : "stop";
    }
}
