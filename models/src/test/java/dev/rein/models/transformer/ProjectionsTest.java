package dev.rein.models.transformer;

import static dev.rein.models.transformer.HookPointsTest.assertClose;
import static dev.rein.models.transformer.HookPointsTest.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.Variable;
import dev.rein.formats.layout.ParameterRole;
import dev.rein.formats.layout.ParameterSpec;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.tensor.NeuralOps;
import dev.rein.tensor.RopeConvention;
import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deriving a model with some projections replaced ({@link Transformer#withProjections}), and hook_rot_q/k. */
class ProjectionsTest {
    private static final int[] PROMPT = {1, 403, 407, 261, 378, 365, 288};

    /** A projection that delegates to another and scales its output, to see that the forward uses it. */
    private record Scaled(Projection base, float factor) implements Projection {
        @Override
        public Variable apply(Variable x) {
            return base.apply(x).mul(factor);
        }

        @Override
        public int inFeatures() {
            return base.inFeatures();
        }

        @Override
        public int outFeatures() {
            return base.outFeatures();
        }
    }

    @Test
    void theWrapperSeesEveryProjectionOfEveryLayerByItsStoredName() {
        Transformer llama = ReferenceFixture.load("hf-llama-stories260K").model();
        List<String> sites = new ArrayList<>();
        llama.withProjections((site, base) -> {
            sites.add(site.name() + " " + site.role());
            return base;
        });
        assertEquals(5 * 7, sites.size());
        assertEquals("model.layers.0.self_attn.q_proj.weight QUERY", sites.get(0));
        assertTrue(sites.contains("model.layers.4.mlp.down_proj.weight DOWN"), sites.toString());

        Transformer gpt2 = ReferenceFixture.load("gpt2-capp-tiny").model();
        List<ParameterSpec> gpt2Sites = new ArrayList<>();
        gpt2.withProjections((site, base) -> {
            gpt2Sites.add(site);
            return base;
        });
        ParameterSpec fused = gpt2Sites.get(0);
        assertEquals("transformer.h.0.attn.c_attn.weight", fused.name());
        assertEquals(ParameterRole.QKV, fused.role());
        assertTrue(fused.transposed(), "GPT-2's Conv1D weights are stored [in, out]");
        assertEquals(4 * 4, gpt2Sites.size());
    }

    @Test
    void keepingEveryProjectionGivesTheSameLogitsAndAWrappedOneIsUsed() {
        Transformer model = ReferenceFixture.load("hf-llama-stories260K").model();
        Tensor plain = model.forward(TokenBatch.of(PROMPT)).value();
        Transformer same = model.withProjections((site, base) -> base);
        assertClose(plain, same.forward(TokenBatch.of(PROMPT)).value(), 1e-5f);
        assertEquals(model.weights().parameters(), same.weights().parameters());

        Transformer scaled = model.withProjections((site, base) ->
                site.name().equals("model.layers.2.mlp.down_proj.weight") ? new Scaled(base, 0f) : base);
        assertTrue(maxAbsDiff(plain, scaled.forward(TokenBatch.of(PROMPT)).value()) > 1e-3f);
        // zeroing block 2's MLP output through its projection equals zeroing it at hook_mlp_out
        Tensor ablated = model.forward(TokenBatch.of(PROMPT), new Hooks()
                .add(HookPoints.mlpOut(2), (x, ctx) -> x.mul(0f))).value();
        assertClose(ablated, scaled.forward(TokenBatch.of(PROMPT)).value(), 1e-5f);
    }

    @Test
    void aReplacementOfOtherSizeIsAClearError() {
        Transformer model = ReferenceFixture.load("hf-llama-stories260K").model();
        Linear narrow = new Linear(Variable.constant(Tensor.zeros(3, 64)), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.withProjections((site, base) -> site.role() == ParameterRole.KEY ? narrow : base));
        assertTrue(e.getMessage().contains("model.layers.0.self_attn.k_proj.weight"), e.getMessage());
        assertTrue(e.getMessage().contains("64 -> 32"), e.getMessage());
    }

    @Test
    void aLayerReachesItsProjectionsByRoleAndRefusesRolesItHasNot() {
        LayerWeights llama = ReferenceFixture.load("hf-llama-stories260K").model().weights().layers().get(0);
        assertSame(llama.mlp().gate(), llama.projection(ParameterRole.GATE));
        Projection replaced = new Scaled(llama.projection(ParameterRole.KEY), 2f);
        LayerWeights changed = llama.withProjection(ParameterRole.KEY, replaced);
        assertSame(replaced, changed.projection(ParameterRole.KEY));
        assertSame(llama.projection(ParameterRole.QUERY), changed.projection(ParameterRole.QUERY));
        assertSame(llama.mlp(), changed.mlp());
        assertNull(llama.projection(ParameterRole.QKV));
        assertThrows(IllegalArgumentException.class, () -> llama.projection(ParameterRole.ATTENTION_NORM));

        LayerWeights gpt2 = ReferenceFixture.load("gpt2-capp-tiny").model().weights().layers().get(0);
        assertNull(gpt2.projection(ParameterRole.GATE), "GPT-2's MLP is not gated");
        assertNull(gpt2.projection(ParameterRole.QUERY));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gpt2.withProjection(ParameterRole.QUERY, replaced));
        assertTrue(e.getMessage().contains("fused"), e.getMessage());
    }

    @Test
    void rotatedQueriesAndKeysAreTheRotaryEmbeddingOfHookQAndHookK() {
        Transformer model = ReferenceFixture.load("hf-llama-stories260K").model();
        ActivationCache cache = new ActivationCache();
        model.forward(TokenBatch.of(PROMPT), new Hooks().cache(cache, HookPoints.query(1),
                HookPoints.rotatedQuery(1), HookPoints.key(1), HookPoints.rotatedKey(1)));
        Tensor positions = TokenBatch.of(PROMPT).positions();
        Tensor invFreq = NeuralOps.ropeInverseFrequencies(8, 10000.0);
        assertClose(NeuralOps.rope(cache.get(HookPoints.query(1)), positions, invFreq,
                RopeConvention.HALF_SPLIT), cache.get(HookPoints.rotatedQuery(1)), 1e-5f);
        assertClose(NeuralOps.rope(cache.get(HookPoints.key(1)), positions, invFreq,
                RopeConvention.HALF_SPLIT), cache.get(HookPoints.rotatedKey(1)), 1e-5f);

        Transformer gpt2 = ReferenceFixture.load("gpt2-capp-tiny").model();
        assertFalse(gpt2.hookPoints().contains(HookPoints.rotatedQuery(0)), "GPT-2 has no rotary embedding");
    }
}
