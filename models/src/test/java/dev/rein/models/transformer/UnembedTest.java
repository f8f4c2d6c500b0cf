package dev.rein.models.transformer;

import static dev.rein.models.transformer.HookPointsTest.assertClose;

import dev.rein.autograd.Variable;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.tensor.LinearAlgebra;
import dev.rein.tensor.NeuralOps;
import dev.rein.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Transformer#unembed}: the end of the forward pass applied to any residual stream (the logit lens). */
class UnembedTest {
    private static final int[] PROMPT = {1, 203, 107, 261, 78, 165, 288};    // within every vocabulary used here

    @ParameterizedTest
    @ValueSource(strings = {"hf-llama-stories260K", "random-gpt2-tiny", "random-gemma2"})
    void theLastBlocksResidualStreamUnembedsToTheModelsLogits(String fixture) {
        Transformer model = ReferenceFixture.load(fixture).model();
        String last = HookPoints.residPost(model.config().numLayers() - 1);
        ActivationCache cache = new ActivationCache();
        Tensor logits = model.forward(TokenBatch.of(PROMPT), new Hooks().cache(cache, last)).value();
        assertClose(logits, model.unembed(Variable.constant(cache.get(last))).value(), 1e-4f);
    }

    @Test
    void anEarlierBlockIsFinalRmsNormThenTheHead() {
        Transformer model = ReferenceFixture.load("hf-llama-stories260K").model();
        ActivationCache cache = new ActivationCache();
        model.forward(TokenBatch.of(PROMPT), new Hooks().cache(cache, HookPoints.residPost(1)));
        Tensor residual = cache.get(HookPoints.residPost(1));
        Tensor expected = LinearAlgebra.linear(NeuralOps.rmsNorm(residual,
                model.weights().finalNorm().weight().value(), (float) model.config().normEps()),
                model.weights().lmHead().value(), null);
        assertClose(expected, model.unembed(Variable.constant(residual)).value(), 1e-5f);
    }

    @Test
    void gemma2sFinalSoftcapIsApplied() {
        Transformer model = ReferenceFixture.load("random-gemma2").model();
        ActivationCache cache = new ActivationCache();
        model.forward(TokenBatch.of(PROMPT), new Hooks().cache(cache, HookPoints.EMBED));
        Tensor residual = cache.get(HookPoints.EMBED);
        Tensor uncapped = LinearAlgebra.linear(NeuralOps.rmsNorm(residual,
                model.weights().finalNorm().weight().value(), (float) model.config().normEps(), 1f),
                model.weights().lmHead().value(), null);
        float cap = (float) model.config().finalLogitSoftcapping().orElseThrow();
        assertClose(uncapped.div(cap).tanh().mul(cap), model.unembed(Variable.constant(residual)).value(), 1e-5f);
    }
}
