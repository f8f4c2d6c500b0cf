package dev.rein.models.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.Variable;
import dev.rein.formats.layout.ParameterRole;
import dev.rein.models.hooks.ActivationCache;
import dev.rein.models.hooks.Hook;
import dev.rein.models.hooks.HookContext;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.tensor.LinearAlgebra;
import dev.rein.tensor.NeuralOps;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.testing.TensorAssertions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading and editing activations at hook points, on the trained stories260K (8 query heads, 4 key/value heads). */
class HookPointsTest {
    private static final int[] PROMPT = {1, 403, 407, 261, 378, 365, 288, 1, 67};
    private final Transformer model = ReferenceFixture.load("hf-llama-stories260K").model();

    @Test
    void theCacheHoldsEveryPointWithItsDocumentedShape() {
        ActivationCache cache = new ActivationCache();
        model.forward(TokenBatch.of(PROMPT), new Hooks().cache(cache, p -> true));
        int t = PROMPT.length;
        assertEquals(model.hookPoints().stream().filter(p -> !p.equals(HookPoints.POS_EMBED)).toList(),
                List.copyOf(cache.points()));
        assertArrayEquals(new int[] {1, t, 64}, cache.get(HookPoints.EMBED).shape());
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(new int[] {1, t, 64}, cache.get(HookPoints.residPre(i)).shape());
            assertArrayEquals(new int[] {1, 8, t, 8}, cache.get(HookPoints.query(i)).shape());
            assertArrayEquals(new int[] {1, 4, t, 8}, cache.get(HookPoints.key(i)).shape());
            assertArrayEquals(new int[] {1, 4, t, 8}, cache.get(HookPoints.value(i)).shape());
            assertArrayEquals(new int[] {1, 8, t, 8}, cache.get(HookPoints.rotatedQuery(i)).shape());
            assertArrayEquals(new int[] {1, 4, t, 8}, cache.get(HookPoints.rotatedKey(i)).shape());
            assertArrayEquals(new int[] {1, 8, t, t}, cache.get(HookPoints.pattern(i)).shape());
            assertArrayEquals(new int[] {1, 8, t, 8}, cache.get(HookPoints.z(i)).shape());
            for (String point : List.of(HookPoints.attnOut(i), HookPoints.residMid(i), HookPoints.mlpOut(i),
                    HookPoints.residPost(i))) {
                assertArrayEquals(new int[] {1, t, 64}, cache.get(point).shape(), point);
            }
        }
        assertArrayEquals(new int[] {1, t, 64}, cache.get(HookPoints.FINAL_NORMALIZED).shape());
        assertArrayEquals(new int[] {1, t, 512}, cache.get(HookPoints.LOGITS).shape());
    }

    @Test
    void theStepByStepPatternGivesTheFusedKernelsOutputAndRowsSumToOne() {
        Tensor plain = model.forward(TokenBatch.of(PROMPT)).value();
        ActivationCache cache = new ActivationCache();
        Tensor hooked = model.forward(TokenBatch.of(PROMPT), new Hooks().cache(cache, HookPoints.pattern(2))).value();
        assertClose(plain, hooked, 1e-4f);
        Tensor rowSums = cache.get(HookPoints.pattern(2)).sum(-1);
        assertClose(Tensor.ones(1, 8, PROMPT.length), rowSums, 1e-5f);
        // causal: position 0 attends only to itself
        assertEquals(1f, cache.get(HookPoints.pattern(2)).getFloat(0, 3, 0, 0), 1e-6f);
    }

    @Test
    void aVectorAddedAtTheLastResidualStreamChangesTheLogitsAsTheHeadPredicts() {
        int last = model.config().numLayers() - 1;
        Tensor vector = new TensorRandom(7).normal(0f, 1f, 64);
        ActivationCache cache = new ActivationCache();
        Hooks hooks = new Hooks()
                .addTrainable(HookPoints.residPost(last), (x, ctx) -> x.add(Variable.constant(vector)))
                .cache(cache, HookPoints.residPost(last));
        Tensor steered = model.forward(TokenBatch.of(PROMPT), hooks).value();

        // reference: final RMSNorm of the edited stream, then the tied head, with plain tensor ops
        Tensor unsteered = model.forward(TokenBatch.of(PROMPT)).value();
        ActivationCache clean = new ActivationCache();
        model.forward(TokenBatch.of(PROMPT), new Hooks().cache(clean, HookPoints.residPost(last)));
        Tensor edited = clean.get(HookPoints.residPost(last)).add(vector);
        Tensor predicted = LinearAlgebra.linear(NeuralOps.rmsNorm(edited,
                model.weights().finalNorm().weight().value(), (float) model.config().normEps()),
                model.weights().lmHead().value(), null);
        assertClose(predicted, steered, 1e-4f);
        assertClose(edited, cache.get(HookPoints.residPost(last)), 1e-4f);
        assertTrue(maxAbsDiff(unsteered, steered) > 0.1f, "the edit must change the logits");
    }

    @Test
    void anEditAtResidPostEqualsTheSameEditAtTheNextResidPre() {
        Tensor vector = new TensorRandom(3).normal(0f, 0.5f, 64);
        Tensor afterBlock1 = model.forward(TokenBatch.of(PROMPT), new Hooks()
                .addTrainable(HookPoints.residPost(1), (x, ctx) -> x.add(Variable.constant(vector)))).value();
        Tensor beforeBlock2 = model.forward(TokenBatch.of(PROMPT), new Hooks()
                .addTrainable(HookPoints.residPre(2), (x, ctx) -> x.add(Variable.constant(vector)))).value();
        assertClose(afterBlock1, beforeBlock2, 1e-4f);
    }

    @Test
    void zeroAblatingAHeadThroughHookZEqualsRemovingItsOutputWeights() {
        int layer = 3;
        int head = 5;
        int d = 8;
        Tensor ablated = model.forward(TokenBatch.of(PROMPT), new Hooks().addTrainable(HookPoints.z(layer), (z, ctx) -> {
            Tensor mask = Tensor.ones(1, 8, 1, 1);
            mask.setFloat(0f, 0, head, 0, 0);
            return z.mul(Variable.constant(mask));
        })).value();

        TransformerWeights w = model.weights();
        List<LayerWeights> layers = new ArrayList<>(w.layers());
        LayerWeights original = layers.get(layer);
        Tensor output = ((Linear) original.attention().output()).weight().value().copy();  // [hidden, heads * d]
        output.narrow(1, head * d, d).copyFrom(Tensor.zeros(64, d));
        layers.set(layer, original.withProjection(ParameterRole.OUTPUT, new Linear(Variable.constant(output), null)));
        Transformer pruned = new Transformer(model.config(), new TransformerWeights(w.tokenEmbedding(),
                w.positionEmbedding(), layers, w.finalNorm(), w.lmHead(), w.parameters()));
        assertClose(pruned.forward(TokenBatch.of(PROMPT)).value(), ablated, 1e-5f);
        assertTrue(maxAbsDiff(model.forward(TokenBatch.of(PROMPT)).value(), ablated) > 1e-3f);
    }

    @Test
    void hooksRunForEachPassOfACachedGenerationWithTheirStartPosition() {
        List<HookContext> seen = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        Hooks hooks = new Hooks().add(HookPoints.FINAL_NORMALIZED, (x, ctx) -> {
            seen.add(ctx);
            shapes.add(x.shape());
            return x;
        });
        KvCache cache = new KvCache(model.config(), 1, 16);
        model.forward(TokenBatch.of(PROMPT), cache, hooks, Logits.LAST_POSITION);
        model.forward(new TokenBatch(Tensor.ofLongs(new long[] {42}, 1, 1),
                Tensor.ofLongs(new long[] {PROMPT.length}, 1, 1), null), cache, hooks, Logits.LAST_POSITION);
        assertEquals(List.of(0, PROMPT.length), seen.stream().map(HookContext::startPosition).toList());
        assertArrayEquals(new int[] {1, PROMPT.length, 64}, shapes.get(0));
        assertArrayEquals(new int[] {1, 1, 64}, shapes.get(1));
    }

    @Test
    void onlyLastPositionLeavesEarlierPositionsUntouched() {
        Tensor vector = new TensorRandom(11).normal(0f, 1f, 64);
        Hook addAtEveryPosition = (x, ctx) -> x.add(Variable.constant(vector));
        ActivationCache cache = new ActivationCache();
        model.forward(TokenBatch.of(PROMPT), new Hooks()
                .addTrainable(HookPoints.FINAL_NORMALIZED, addAtEveryPosition.onlyLastPosition())
                .cache(cache, HookPoints.FINAL_NORMALIZED));
        ActivationCache clean = new ActivationCache();
        model.forward(TokenBatch.of(PROMPT), new Hooks().cache(clean, HookPoints.FINAL_NORMALIZED));
        int t = PROMPT.length;
        assertClose(clean.get(HookPoints.FINAL_NORMALIZED).narrow(1, 0, t - 1),
                cache.get(HookPoints.FINAL_NORMALIZED).narrow(1, 0, t - 1), 1e-4f);
        assertClose(clean.get(HookPoints.FINAL_NORMALIZED).narrow(1, t - 1, 1).add(vector),
                cache.get(HookPoints.FINAL_NORMALIZED).narrow(1, t - 1, 1), 1e-4f);
    }

    @Test
    void atPositionsReplacesTheEmbeddingsOfChosenPositionsOnly() {
        Tensor replacement = new TensorRandom(5).normal(0f, 1f, 1, 1, 64);
        Hook replace = (x, ctx) -> Variable.constant(replacement);
        ActivationCache cache = new ActivationCache();
        model.forward(TokenBatch.of(PROMPT), new Hooks().addTrainable(HookPoints.EMBED, replace.atPositions(2, 5))
                .cache(cache, HookPoints.EMBED));
        ActivationCache clean = new ActivationCache();
        model.forward(TokenBatch.of(PROMPT), new Hooks().cache(clean, HookPoints.EMBED));
        Tensor edited = cache.get(HookPoints.EMBED);
        for (int t = 0; t < PROMPT.length; t++) {
            Tensor want = t == 2 || t == 5 ? replacement.select(1, 0) : clean.get(HookPoints.EMBED).select(1, t);
            assertClose(want, edited.select(1, t), 1e-4f);
        }
        // a cached step at position 9 holds none of them and passes unchanged
        KvCache kv = new KvCache(model.config(), 1, 16);
        Hooks hooks = new Hooks().addTrainable(HookPoints.EMBED, replace.atPositions(2)).cache(cache, HookPoints.EMBED);
        model.forward(TokenBatch.of(PROMPT), kv, hooks, Logits.LAST_POSITION);
        model.forward(new TokenBatch(Tensor.ofLongs(new long[] {42}, 1, 1),
                Tensor.ofLongs(new long[] {PROMPT.length}, 1, 1), null), kv, hooks, Logits.LAST_POSITION);
        ActivationCache one = new ActivationCache();
        model.forward(TokenBatch.of(42), new Hooks().cache(one, HookPoints.EMBED));
        assertClose(one.get(HookPoints.EMBED), cache.get(HookPoints.EMBED), 1e-4f);
    }

    @Test
    void anUnknownPointOrAWrongShapeIsAClearError() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> model.forward(
                TokenBatch.of(PROMPT), new Hooks().add("blocks.9.hook_resid_post", (x, ctx) -> x)));
        assertTrue(unknown.getMessage().contains("blocks.9.hook_resid_post"), unknown.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> model.forward(
                TokenBatch.of(PROMPT), new Hooks().add(HookPoints.EMBED, (x, ctx) -> x.narrow(1, 0, 1))));
        assertTrue(shape.getMessage().contains("hook_embed"), shape.getMessage());
    }

    /**
     * Two forward passes that should agree exactly are compared to 1e-4: while the JIT compiles the kernels, the
     * last bits can move (docs/performance.md, "Determinism"); the edits tested here change values by 0.1 or more.
     */
    static void assertClose(Tensor expected, Tensor actual, float tolerance) {
        TensorAssertions.assertClose(expected, actual, tolerance);
    }

    static float maxAbsDiff(Tensor a, Tensor b) {
        return TensorAssertions.maxAbsDiff(a, b);
    }
}
