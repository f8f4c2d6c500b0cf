package dev.rein.steering.cie;

import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.transformer.Transformer;
import java.util.ArrayList;
import java.util.List;

/**
 * Generation with CIE controls: the prompts run as one batch, left-padded as {@link Generator} pads them, so the
 * controls of prompt p sample s go to row p·n + s (n samples per prompt), shifted right by that row's padding.
 */
public final class ControlledGeneration {
    private final Generator generator;
    private final ControlInjection injection;

    public ControlledGeneration(Transformer model, ControlInjection injection) {
        this.generator = new Generator(model);
        this.injection = injection;
    }

    /** The sequences, prompt by prompt and sample by sample, as {@link Generator#generate} returns them. */
    public List<GeneratedSequence> generate(List<ControlledTokens> prompts, SamplingSettings settings) {
        return generate(prompts, settings, GenerationOptions.NONE);
    }

    /**
     * As {@link #generate(List, SamplingSettings)}, with the listener, logits processors and text decoders of
     * {@code options} (for streaming and stop strings); its hooks are replaced by the injection's.
     */
    public List<GeneratedSequence> generate(List<ControlledTokens> prompts, SamplingSettings settings,
                                            GenerationOptions options) {
        int longest = prompts.stream().mapToInt(p -> p.ids().length).max().orElse(0);
        int samples = settings.numReturnSequences();
        List<ControlPlacement> placements = new ArrayList<>();
        List<int[]> ids = new ArrayList<>();
        for (int p = 0; p < prompts.size(); p++) {
            ControlledTokens prompt = prompts.get(p);
            int padding = longest - prompt.ids().length;
            for (int s = 0; s < samples; s++) {
                for (ControlPlacement control : prompt.controls()) {
                    placements.add(control.moved(p * samples + s, padding));
                }
            }
            ids.add(prompt.ids());
        }
        injection.place(placements);
        return generator.generate(ids, settings, options.withHooks(injection.hooks()));
    }
}
