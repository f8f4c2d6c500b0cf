package dev.rein.examples;

import dev.rein.models.LanguageModel;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.hooks.HookPoints;
import dev.rein.steering.vector.SteeringVector;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Steers a language model: 40 new tokens as the model writes them, then with a steering vector (happy minus sad
 * sentences) added to the residual stream after its last block. The first argument names the model
 * ({@code default}, a model folder, ...); without one it is the small story model inside Rein, which needs no
 * download. The README's "Use Rein from your project" shows this body: keep the two the same.
 */
public final class SteerLlama {
    private SteerLlama() {
    }

    /** Runs the example; {@code args[0]}, if given, names the model. */
    public static void main(String[] args) throws IOException {
        try (LanguageModel model = LanguageModel.load(args.length > 0 ? args[0] : "default")) {
            Tokenizer tokenizer = model.tokenizer().orElseThrow();
            List<int[]> happy = Stream.of("They were both happy.", "It was the best day ever.",
                    "Tom smiled all the way home.", "From that day on, Tom and Ben were best friends.")
                    .map(tokenizer::encode).toList();
            List<int[]> sad = Stream.of("They were both sad.", "It was the worst day ever.",
                    "In the end, Tom went home alone and cried.",
                    "After that day, Tom and Ben were not friends anymore.")
                    .map(tokenizer::encode).toList();
            String point = HookPoints.residPost(model.config().numLayers() - 1);
            SteeringVector happier = SteeringVector.contrast(model.transformer(), point, happy, sad);

            SamplingSettings sampling = SamplingSettings.builder(model.generationConfig(),
                    model.config().specialTokens()).doSample(true).temperature(0.8).maxNewTokens(40).seed(7).build();
            Generator generator = new Generator(model.transformer());
            int[] prompt = tokenizer.encode("Once upon a time, there was a little cat named Tom. "
                    + "One day, Tom lost his red ball at the park.");
            for (float scale : new float[] {0f, 4f}) {
                GenerationOptions steered = GenerationOptions.NONE.withHooks(happier.withScale(scale).hooksFrom(1));
                GeneratedSequence out = generator.generate(prompt, sampling, steered).getFirst();
                System.out.println("steering " + scale + ": " + tokenizer.decode(out.newIds(), true).strip());
            }
        }
    }
}
