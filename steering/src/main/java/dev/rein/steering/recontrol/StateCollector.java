package dev.rein.steering.recontrol;

import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Indexing;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * RE-Control's first stage: generate responses to prompts and record, at every decoding step, the state at one
 * hook point (RE-Control: {@code ln_final.hook_normalized}) at the last position of the pass. Step t of a response
 * is the pass whose logits chose its token t+1, so s_0 is the last prompt token's state and the last valid step is
 * the one that produced EOS (or the last token allowed). The decoding settings are the caller's, in full: RE-Control
 * leaves them to each checkpoint's generation_config.json, which is how its runs differ silently.
 */
public final class StateCollector {
    private final Transformer model;
    private final Tokenizer tokenizer;
    private final String hookPoint;

    /** Records at {@code hookPoint} (a point with states [B, T, H]) of {@code model}. */
    public StateCollector(Transformer model, Tokenizer tokenizer, String hookPoint) {
        if (!model.hookPoints().contains(hookPoint)) {
            throw new IllegalArgumentException("the model has no hook point " + hookPoint);
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.hookPoint = hookPoint;
    }

    /**
     * Generates for every prompt ({@code settings.numReturnSequences()} responses each), {@code batchSize} prompts
     * at a time, and returns the responses with their states, prompt by prompt and sample by sample.
     *
     * @param progress told the number of responses done after each batch
     * @throws IllegalArgumentException when there are no prompts, the batch size is below 1 or a prompt encodes to
     *                                  no tokens
     */
    public StateCollection collect(List<String> prompts, SamplingSettings settings, int batchSize,
                                   IntConsumer progress) {
        long[] seeds = new long[prompts.size()];
        Arrays.fill(seeds, settings.seed());
        return collect(prompts, seeds, settings, batchSize, progress);
    }

    /**
     * As {@link #collect(List, SamplingSettings, int, IntConsumer)}, but prompt {@code p} samples with its own seed
     * {@code seeds[p]} ({@link Generator#generate(List, long[], SamplingSettings, GenerationOptions)}), so a prompt's
     * responses do not depend on which prompts share its batch (Spark partitions, ReinSpark.collectStates).
     *
     * @throws IllegalArgumentException as the other overload, or when there is not one seed per prompt
     */
    public StateCollection collect(List<String> prompts, long[] seeds, SamplingSettings settings, int batchSize,
                                   IntConsumer progress) {
        if (seeds.length != prompts.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + seeds.length + " seeds");
        }
        List<CollectedResponse> responses = new ArrayList<>();
        List<Tensor> rowStates = new ArrayList<>();                              // [steps, H] per response
        for (PromptBatch batch : PromptBatch.split(tokenizer, prompts, batchSize)) {
            List<Tensor> passes = new ArrayList<>();                              // [B, 1, H] per pass
            Hooks recorder = new Hooks().addTrainable(hookPoint, (activation, context) -> {
                passes.add(activation.value().narrow(1, activation.size(1) - 1, 1).copy());
                return activation;
            });
            GenerationOptions options = GenerationOptions.NONE.withHooks(recorder)
                    .withTextDecoders(() -> tokenizer.streamingDecoder()::push);
            long[] batchSeeds = Arrays.copyOfRange(seeds, batch.first(), batch.first() + batch.ids().size());
            List<GeneratedSequence> sequences = new Generator(model).generate(batch.ids(), batchSeeds, settings,
                    options);
            for (int row = 0; row < sequences.size(); row++) {
                GeneratedSequence sequence = sequences.get(row);
                List<Tensor> steps = new ArrayList<>();
                for (int step = 0; step < sequence.newIds().length; step++) {
                    steps.add(passes.get(step).select(0, row));                   // [1, H]
                }
                rowStates.add(Indexing.concat(steps, 0));
                responses.add(CollectedResponse.of(tokenizer, sequence, batch.first() + sequence.prompt(),
                        batch.texts().get(sequence.prompt())));
            }
            progress.accept(responses.size());
        }
        return new StateCollection(pack(rowStates), responses);
    }

    /** Responses' states [steps, H] -> trajectories [N, T, H] (T the most steps) with their mask. */
    private Trajectories pack(List<Tensor> rowStates) {
        int n = rowStates.size();
        int t = rowStates.stream().mapToInt(s -> s.size(0)).max().orElse(0);
        int h = rowStates.getFirst().size(1);
        Tensor states = Tensor.zeros(n, t, h);
        boolean[] mask = new boolean[n * t];
        for (int row = 0; row < n; row++) {
            Tensor steps = rowStates.get(row);
            states.select(0, row).narrow(0, 0, steps.size(0)).copyFrom(steps);
            for (int step = 0; step < steps.size(0); step++) {
                mask[row * t + step] = true;
            }
        }
        return new Trajectories(hookPoint, states, Tensor.ofBools(mask, n, t));
    }
}
