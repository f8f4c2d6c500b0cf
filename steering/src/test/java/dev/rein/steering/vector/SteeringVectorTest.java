package dev.rein.steering.vector;

import static dev.rein.tensor.testing.TensorAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.autograd.Variable;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.Hook;
import dev.rein.models.hooks.HookContext;
import dev.rein.models.hooks.HookPoint;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SteeringVector}: the contrast of mean activations, added at a residual point. */
class SteeringVectorTest {
    private static final int[] HAPPY = {1, 203, 107, 261};
    private static final int[] SAD = {1, 78, 165, 288, 40};
    private static final int[] PROMPT = {1, 203, 107, 261, 78, 165, 288};
    private static LanguageModel stories;

    @Test
    void theContrastIsTheDifferenceOfPerTextMeanActivations() {
        Transformer model = stories260K().transformer();
        String point = HookPoints.residPost(2);
        SteeringVector vector = SteeringVector.contrast(model, point, List.of(HAPPY), List.of(SAD));
        Tensor expected = meanOverPositions(model, point, HAPPY).sub(meanOverPositions(model, point, SAD));
        assertClose(expected, vector.direction(), 1e-6f);
    }

    @Test
    void addingTheVectorAtTheLastBlockMovesTheLogitsAsTheUnembeddedSum() {
        Transformer model = stories260K().transformer();
        String last = HookPoints.residPost(model.config().numLayers() - 1);
        SteeringVector vector = SteeringVector.contrast(model, last, List.of(HAPPY), List.of(SAD)).withScale(3f);
        ActivationCache cache = new ActivationCache();
        model.forward(TokenBatch.of(PROMPT), new Hooks().cache(cache, last));
        Tensor edited = cache.get(last).add(vector.direction().mul(3f));
        Tensor steered = model.forward(TokenBatch.of(PROMPT), vector.hooks()).value();
        assertClose(model.unembed(Variable.constant(edited)).value(), steered, 1e-4f);
    }

    @Test
    void positionsBeforeTheFirstEditedOneAreLeftAlone() {
        Transformer model = stories260K().transformer();
        String point = HookPoints.residPost(1);
        SteeringVector vector = SteeringVector.contrast(model, point, List.of(HAPPY), List.of(SAD)).withScale(2f);
        ActivationCache plain = new ActivationCache();
        model.forward(TokenBatch.of(PROMPT), new Hooks().cache(plain, point));
        ActivationCache steered = new ActivationCache();
        model.forward(TokenBatch.of(PROMPT), vector.hooksFrom(3).cache(steered, point));
        Tensor edited = plain.get(point).narrow(1, 3, PROMPT.length - 3).add(vector.direction().mul(2f));
        assertClose(plain.get(point).narrow(1, 0, 3), steered.get(point).narrow(1, 0, 3), 0f);
        assertClose(edited, steered.get(point).narrow(1, 3, PROMPT.length - 3), 1e-6f);
    }

    @Test
    void aPassThatStartsAfterTheFirstEditedPositionIsEditedWholeAndOneThatEndsBeforeItIsNot() {
        String point = HookPoints.residPost(0);
        Hook plusOne = (activation, context) -> activation.add(1f);
        Variable ones = Variable.constant(Tensor.ones(1, 2, 3));                        // [B, T, H]
        Tensor later = plusOne.fromPosition(2).apply(ones, new HookContext(HookPoint.parse(point), 5)).value();
        Tensor earlier = plusOne.fromPosition(9).apply(ones, new HookContext(HookPoint.parse(point), 5)).value();
        assertClose(Tensor.ones(1, 2, 3).mul(2f), later, 0f);
        assertClose(Tensor.ones(1, 2, 3), earlier, 0f);
    }

    @Test
    void aDirectionOfTheWrongWidthIsRefused() {
        Transformer model = stories260K().transformer();
        SteeringVector wrong = new SteeringVector(HookPoints.residPost(0), Tensor.zeros(3), 1f);
        assertThrows(IllegalArgumentException.class, () -> model.forward(TokenBatch.of(PROMPT), wrong.hooks()));
    }

    private static Tensor meanOverPositions(Transformer model, String point, int[] ids) {
        ActivationCache cache = new ActivationCache();
        model.forward(TokenBatch.of(ids), new Hooks().cache(cache, point));
        return cache.get(point).mean(1).reshape(-1);
    }

    /** The shared stories260K model, loaded once for the class. */
    private static synchronized LanguageModel stories260K() {
        if (stories != null) {
            return stories;
        }
        try {
            stories = LanguageModel.load(SharedData.path("models/stories260K"));
            return stories;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
