package dev.rein.steering.vector;

import dev.rein.autograd.NoGrad;
import dev.rein.autograd.Variable;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.Hook;
import dev.rein.models.hooks.HookContext;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.List;

/**
 * Activation addition: a hook that adds {@code scale · direction} to a residual-stream activation [B, T, H] at
 * every position it sees (prompt and generated tokens); {@link Hook#fromPosition} leaves early ones, such as BOS,
 * alone. The direction usually comes from {@link #contrast}: the mean
 * activation over texts with a property minus the mean over texts without it, so a positive scale pushes the model
 * toward the property and a negative one away from it. It is the simplest hook-based intervention, and the one
 * {@code rein demo} shows.
 *
 * @param point     a residual point such as {@code blocks.2.hook_resid_post}
 * @param direction [H]
 * @param scale     multiplier of the direction (0 leaves the model unchanged)
 */
public record SteeringVector(String point, Tensor direction, float scale) implements Hook {

    public SteeringVector {
        if (direction.rank() != 1) {
            throw new IllegalArgumentException("steering direction must be [hidden], got rank " + direction.rank());
        }
    }

    /** The mean of {@code point}'s activation over every position of the {@code toward} texts minus the same over the {@code awayFrom} texts. */
    public static SteeringVector contrast(Transformer transformer, String point, List<int[]> toward,
                                          List<int[]> awayFrom) {
        Tensor direction = meanActivation(transformer, point, toward).sub(meanActivation(transformer, point, awayFrom));
        return new SteeringVector(point, direction, 1f);
    }

    /**
     * The contrast at the residual stream leaving block {@code layer} ({@code blocks.{layer}.hook_resid_post}) of
     * texts encoded with the model's tokenizer: e.g. happy sentences minus sad ones.
     */
    public static SteeringVector contrast(LanguageModel model, int layer, List<String> toward,
                                          List<String> awayFrom) {
        Tokenizer tokenizer = model.tokenizer();
        return contrast(model.transformer(), HookPoints.residPost(layer),
                toward.stream().map(tokenizer::encode).toList(), awayFrom.stream().map(tokenizer::encode).toList());
    }

    /** The same direction with another scale. */
    public SteeringVector withScale(float newScale) {
        return new SteeringVector(point, direction, newScale);
    }

    /** Hooks holding only this edit, for a forward pass or a {@code GenerationOptions}. */
    public Hooks hooks() {
        return new Hooks().addTrainable(point, this);
    }

    /** Hooks holding only this edit, applied from sequence position {@code first} on ({@link Hook#fromPosition}). */
    public Hooks hooksFrom(int first) {
        return new Hooks().addTrainable(point, fromPosition(first));
    }

    @Override
    public Variable apply(Variable activation, HookContext context) {
        if (activation.size(activation.rank() - 1) != direction.size(0)) {
            throw new IllegalArgumentException("steering direction has " + direction.size(0) + " values but "
                    + point + " has width " + activation.size(activation.rank() - 1));
        }
        return activation.add(Variable.constant(direction.mul(scale)));                 // [B, T, H] + [H]
    }

    /** Mean over texts of each text's mean activation over its positions: [H]. */
    private static Tensor meanActivation(Transformer transformer, String point, List<int[]> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a steering contrast needs at least one text on each side");
        }
        Tensor sum = null;
        for (int[] ids : texts) {
            ActivationCache cache = new ActivationCache();
            try (var scope = NoGrad.enter()) {
                transformer.forward(TokenBatch.of(ids), new Hooks().cache(cache, point));
            }
            Tensor perText = cache.get(point).mean(1).reshape(-1);                      // [1, T, H] -> [H]
            sum = sum == null ? perText : sum.add(perText);
        }
        return sum.div(texts.size());
    }
}
