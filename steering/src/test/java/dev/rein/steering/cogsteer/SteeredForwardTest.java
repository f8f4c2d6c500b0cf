package dev.rein.steering.cogsteer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.NoGrad;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.BatchForward;
import dev.rein.models.hooks.HookPoints;
import dev.rein.models.hooks.Hooks;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.models.transformer.Transformer;
import dev.rein.tensor.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cached two-pass step equals two separately loaded models run without a cache: model A (base + adapter) over
 * the whole sequence gives each position's a_adapter, model B (the base) over the whole sequence with each position
 * from the prompt's last on edited by that position's δ gives the logits. Edits at the steered layer's heads do not
 * reach that layer's keys and values, so the uncached replay sees what each cached step saw.
 */
class SteeredForwardTest {
    @TempDir
    Path dir;

    @Test
    void theTwoCachedPassesEqualTwoSeparateModelsUncached() throws Exception {
        for (AdapterKind kind : AdapterKind.values()) {
            try (LanguageModel steeredModel = LanguageModel.loadDefault();
                 LanguageModel adapterModel = LanguageModel.loadDefault();
                 LanguageModel baseModel = LanguageModel.loadDefault()) {
                Transformer model = steeredModel.transformer();
                LayerAdapter adapter = LayerAdapter.create(model, kind, 1, 7);
                // a visible effect: the fresh prefix gate is 0, the fresh bottleneck close to the identity
                adapter.parameters().values().forEach(p -> p.value().copyFrom(p.value().mul(40f).add(0.5f)));
                Path saved = dir.resolve(kind.name());
                adapter.save(saved);
                LayerAdapter separate = LayerAdapter.load(saved, adapterModel.transformer());
                SteeringSettings settings = SteeringSettings.defaults().withNorm(SteeringSettings.Norm.RENORMALISED);
                int[] prompt = steeredModel.tokenizer().encode("Once upon a time, Tom");
                int[] tokens = Arrays.copyOf(prompt, prompt.length + 4);
                BatchForward.Passes passes = new SteeredForward(model, adapter, settings).open(1, tokens.length,
                        Hooks.none());
                Tensor logits = passes.logits(TokenBatch.of(prompt));
                for (int t = prompt.length; t <= tokens.length; t++) {
                    float[] cached = logits.reshape(-1).toFloatArray();
                    float[] replayed = replay(adapterModel.transformer(), separate, baseModel.transformer(),
                            Arrays.copyOf(tokens, t), prompt.length, settings);
                    assertArrayEquals(replayed, cached, 2e-3f, kind + " at length " + t);
                    if (t == tokens.length) break;
                    tokens[t] = argmax(cached);
                    logits = passes.logits(new TokenBatch(Tensor.ofLongs(new long[] {tokens[t]}, 1, 1),
                            Tensor.ofLongs(new long[] {t}, 1, 1), null));
                }
                float[] plain;
                try (NoGrad scope = NoGrad.enter()) {
                    plain = baseModel.transformer().forward(TokenBatch.of(prompt)).value().select(1, prompt.length - 1)
                            .reshape(-1).toFloatArray();
                }
                float[] steered = replay(adapterModel.transformer(), separate, baseModel.transformer(), prompt,
                        prompt.length, settings);
                double difference = 0;
                for (int i = 0; i < plain.length; i++) difference = Math.max(difference, Math.abs(plain[i] - steered[i]));
                assertTrue(difference > 1e-2, kind + ": the steering changes the logits, by " + difference);
            }
        }
    }

    /** An adapter in every layer steers by the logit contrast alone: logits − 0.1·logits_adapter, heads unedited. */
    @Test
    void anAdapterInEveryLayerContrastsTheLogits() {
        try (LanguageModel model = LanguageModel.loadDefault()) {
            Transformer transformer = model.transformer();
            LayerAdapter adapter = LayerAdapter.inEveryLayer(transformer, 5);
            adapter.parameters().values().forEach(p -> p.value().copyFrom(p.value().mul(40f).add(0.5f)));
            assertEquals(-1, adapter.steeredLayer(transformer));
            int[] prompt = model.tokenizer().encode("Once upon a time, Tom");
            float[] steered = new SteeredForward(transformer, adapter, SteeringSettings.defaults())
                    .open(1, prompt.length, Hooks.none()).logits(TokenBatch.of(prompt)).reshape(-1).toFloatArray();
            try (NoGrad scope = NoGrad.enter()) {
                Tensor base = transformer.forward(TokenBatch.of(prompt)).value().select(1, prompt.length - 1);
                Tensor adapted = transformer.forward(TokenBatch.of(prompt), adapter.hooks()).value()
                        .select(1, prompt.length - 1);
                assertArrayEquals(base.sub(adapted.mul(0.1f)).reshape(-1).toFloatArray(), steered, 1e-3f);
                float[] plain = base.reshape(-1).toFloatArray();
                double difference = 0;
                for (int i = 0; i < plain.length; i++) difference = Math.max(difference, Math.abs(plain[i] - steered[i]));
                assertTrue(difference > 1e-2, "the contrast changes the logits, by " + difference);
            }
        }
    }

    @Test
    void otherHooksAreRefused() {
        try (LanguageModel model = LanguageModel.loadDefault()) {
            LayerAdapter adapter = LayerAdapter.create(model.transformer(), AdapterKind.BOTTLENECK, 0, 1);
            assertThrows(IllegalArgumentException.class, () -> new SteeredForward(model.transformer(), adapter,
                    SteeringSettings.defaults()).open(1, 4, new Hooks().add(HookPoints.z(0), (z, c) -> z)));
            assertThrows(IllegalArgumentException.class,
                    () -> LayerAdapter.create(model.transformer(), AdapterKind.PREFIX, 99, 1));
        }
    }

    /** The logits of the last position of {@code ids}, steered at positions from {@code promptLength - 1} on. */
    private static float[] replay(Transformer adapterModel, LayerAdapter adapter, Transformer baseModel, int[] ids,
                                  int promptLength, SteeringSettings settings) {
        int layer = adapter.steeredLayer(adapterModel);
        Tensor[] recorded = new Tensor[1];
        try (NoGrad scope = NoGrad.enter()) {
            adapterModel.forward(TokenBatch.of(ids), adapter.hooks().add(HookPoints.z(layer), (z, c) -> {
                recorded[0] = z;
                return z;
            }));
            Hooks edit = new Hooks().add(HookPoints.z(layer), (z, c) -> {
                Tensor edited = z;
                for (int p = promptLength - 1; p < ids.length; p++) {       // position p steered as if it were last
                    Tensor steered = HeadSteering.steer(z.narrow(2, 0, p + 1).contiguous(),
                            recorded[0].narrow(2, 0, p + 1).contiguous(), settings);
                    edited = replacePosition(edited, steered, p);
                }
                return edited;
            });
            Tensor logits = baseModel.forward(TokenBatch.of(ids), edit).value();          // [1, T, V]
            return logits.select(1, ids.length - 1).reshape(-1).toFloatArray();
        }
    }

    /** target [1, H, T, D] with position p taken from source [1, H, p + 1, D]. */
    private static Tensor replacePosition(Tensor target, Tensor source, int p) {
        int[] shape = target.shape();
        float[] out = target.contiguous().toFloatArray();
        float[] in = source.contiguous().toFloatArray();
        int heads = shape[1];
        int width = shape[3];
        for (int h = 0; h < heads; h++) {
            System.arraycopy(in, (h * (p + 1) + p) * width, out, (h * shape[2] + p) * width, width);
        }
        return Tensor.of(out, shape);
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
