package dev.rein.examples;

import dev.rein.models.LanguageModel;
import dev.rein.models.generation.Sampling;
import dev.rein.models.hooks.Hooks;
import dev.rein.steering.vector.SteeringVector;
import java.io.IOException;
import java.util.List;

/**
 * The README's first example in an application of its own: load a model, add a steering vector (happy minus sad
 * sentences) at block 3, generate 40 tokens. The first argument names the model ({@code default}, a model folder,
 * a Hugging Face Hub id); without one it is the small story model inside Rein, which needs no download. A test
 * (DocumentationExamplesTest) checks that this body stays the README's.
 */
public final class SteerLlama {
    private SteerLlama() {
    }

    /** Runs the example; {@code args[0]}, if given, names the model. */
    public static void main(String[] args) throws IOException {
        try (LanguageModel model = LanguageModel.load(args.length > 0 ? args[0] : "default")) {
            var happy = SteeringVector.contrast(model, 3, List.of("They laughed and hugged."), List.of("They cried."));
            Hooks hooks = new Hooks().addToResidual(3, happy.direction(), 2f);      // at blocks.3.hook_resid_post
            System.out.println(model.generate("Once upon a time", Sampling.greedy().maxNewTokens(40), hooks));
        }
    }
}
